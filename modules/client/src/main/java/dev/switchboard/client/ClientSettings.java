package dev.switchboard.client;

import java.net.URI;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * Where the gateway is and how long to wait for it. Read from MicroProfile Config by the bean, so
 * an application's {@code microprofile-config.properties}, environment or system properties set
 * them; the Rest Client is built from these values in code, never from the Rest Client's own
 * configuration keys (which a WAR's configuration file may not reach: STACK.md, trap 6).
 *
 * @param url the gateway's base URL, e.g. {@code https://switchboard.example.com} (the client adds
 *     {@code /v1/...})
 * @param apiKey a gateway API key ({@code sb-...}); it also decides the workspace
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout the longest silence tolerated while waiting for an answer, or between two
 *     chunks of a stream
 */
public record ClientSettings(
    URI url, String apiKey, Duration connectTimeout, Duration readTimeout) {

  public static final String URL = "switchboard.client.url";
  public static final String API_KEY = "switchboard.client.api-key";
  public static final String CONNECT_TIMEOUT = "switchboard.client.connect-timeout-ms";
  public static final String READ_TIMEOUT = "switchboard.client.read-timeout-ms";

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);

  public ClientSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException(URL + " must be an http or https URL");
    }
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException(API_KEY + " is blank");
    }
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, CONNECT_TIMEOUT);
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, READ_TIMEOUT);
  }

  /** The URL and key, with the default timeouts. */
  public static ClientSettings of(String url, String apiKey) {
    return new ClientSettings(URI.create(url), apiKey, null, null);
  }

  /** Reads the keys; a missing URL or key fails with a message that names the key. */
  public static ClientSettings from(Config config) {
    return new ClientSettings(
        URI.create(required(config, URL)),
        required(config, API_KEY),
        config.getOptionalValue(CONNECT_TIMEOUT, Long.class).map(Duration::ofMillis).orElse(null),
        config.getOptionalValue(READ_TIMEOUT, Long.class).map(Duration::ofMillis).orElse(null));
  }

  private static String required(Config config, String key) {
    return config
        .getOptionalValue(key, String.class)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "Switchboard client: set " + key + " (MicroProfile Config)"));
  }

  private static Duration positive(Duration value, Duration fallback, String key) {
    if (value == null) {
      return fallback;
    }
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ClientSettings[url="
        + url
        + ", apiKey=***, connect="
        + connectTimeout
        + ", read="
        + readTimeout
        + "]";
  }
}
