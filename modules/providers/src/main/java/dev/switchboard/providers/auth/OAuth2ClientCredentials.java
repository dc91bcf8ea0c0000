package dev.switchboard.providers.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.providers.transport.BufferedResponse;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.transport.UpstreamError;
import dev.switchboard.providers.wire.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4): an access token fetched from the token
 * endpoint with the client's id and secret (HTTP Basic, section 2.3.1), cached until shortly before
 * it expires, then fetched again; a 401 from the model endpoint drops it at once. The token
 * endpoint is reached through the same transport as every provider call, so the SSRF guard, pinned
 * addresses, deadlines and byte cap apply to it too. One instance per auth profile version: the
 * cache lives here.
 */
public final class OAuth2ClientCredentials implements RequestAuth {

  /** Used when the token response has no {@code expires_in}. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private static final long MAX_TOKEN_BYTES = 256 * 1024;

  /**
   * The client's settings.
   *
   * @param tokenEndpoint the authorization server's token URL
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scope space-separated scopes, or {@code null}
   * @param audience the {@code audience} parameter some servers want (Auth0, Okta), or {@code null}
   */
  public record Settings(
      URI tokenEndpoint, String clientId, String clientSecret, String scope, String audience) {
    public Settings {
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
      return "Settings[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + "]";
    }
  }

  private record Token(String value, Instant renewAt) {}

  private final Settings settings;
  private final AddressPolicy policy;
  private final HttpTransport transport;
  private final Clock clock;
  private Token cached;
  private boolean closed;

  /** A client calling through the shared transport under the given network guard. */
  public OAuth2ClientCredentials(Settings settings, AddressPolicy policy) {
    this(settings, policy, HttpTransport.shared(), Clock.systemUTC());
  }

  /** A client with its own clock, to test when tokens are renewed. */
  public OAuth2ClientCredentials(
      Settings settings, AddressPolicy policy, HttpTransport transport, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = policy;
    this.transport = transport;
    this.clock = clock;
  }

  @Override
  public Map<String, String> headers(URI target) {
    return Map.of("Authorization", "Bearer " + token());
  }

  @Override
  public synchronized boolean renewAfterUnauthorized() {
    cached = null;
    return true;
  }

  @Override
  public synchronized void close() {
    closed = true;
    cached = null;
  }

  /** The cached token while it is fresh, else a new one (kept only while not closed). */
  synchronized String token() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(cached.renewAt())) {
      Token fresh = fetch(now);
      if (closed) {
        return fresh.value();
      }
      cached = fresh;
    }
    return cached.value();
  }

  private Token fetch(Instant now) {
    BufferedResponse response = transport.send(request());
    JsonNode body;
    try {
      body = Json.parse(response.body());
    } catch (RuntimeException e) {
      throw refused("the token endpoint answered with a body that is not JSON", null);
    }
    String token = body.path("access_token").asText("");
    String type = body.path("token_type").asText("bearer");
    if (token.isEmpty() || !type.toLowerCase(Locale.ROOT).equals("bearer")) {
      throw refused("the token endpoint answered with no bearer access_token", null);
    }
    Duration lifetime =
        body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
            ? Duration.ofSeconds(body.path("expires_in").asLong())
            : DEFAULT_LIFETIME;
    return new Token(token, now.plus(lifetime).minus(margin(lifetime)));
  }

  /** Renew a tenth of the lifetime early, at least a second and at most a minute. */
  static Duration margin(Duration lifetime) {
    long tenth = lifetime.toMillis() / 10;
    return Duration.ofMillis(Math.max(1000, Math.min(60_000, tenth)));
  }

  private TransportRequest request() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (settings.scope() != null && !settings.scope().isBlank()) {
      form.put("scope", settings.scope());
    }
    if (settings.audience() != null && !settings.audience().isBlank()) {
      form.put("audience", settings.audience());
    }
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
    String basic = enc(settings.clientId()) + ":" + enc(settings.clientSecret());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    headers.put(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    return new TransportRequest(
        "oauth2",
        "POST",
        settings.tokenEndpoint(),
        headers,
        body.toString().getBytes(StandardCharsets.UTF_8),
        Endpoint.Timeouts.DEFAULTS,
        MAX_TOKEN_BYTES,
        List.of(settings.clientSecret(), headers.get("Authorization")),
        OAuth2ClientCredentials::translate,
        policy);
  }

  /** The token endpoint's error (RFC 6749 section 5.2): the client is refused, or it is down. */
  private static ProviderException translate(UpstreamError error) {
    String code = null;
    try {
      code = Json.parse(error.body()).path("error").asText(null);
    } catch (RuntimeException e) {
      // not an OAuth error body: the status says enough
    }
    if (error.status() == 429 || error.status() >= 500) {
      return ProviderException.builder(
              ErrorCategory.UNAVAILABLE,
              "the OAuth 2.0 token endpoint answered HTTP " + error.status())
          .provider("oauth2")
          .httpStatus(error.status())
          .providerCode(code)
          .build();
    }
    return refused(
        "the OAuth 2.0 token endpoint refused the client (HTTP " + error.status() + ")", code);
  }

  /**
   * The client was refused. The token endpoint's status is in the message only: as the error's
   * status it would read as the model endpoint's 401, which renews the token and tries again.
   */
  private static ProviderException refused(String message, String code) {
    return ProviderException.builder(ErrorCategory.AUTHENTICATION, message)
        .provider("oauth2")
        .providerCode(code == null ? "token_request_failed" : code)
        .retryable(false)
        .build();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OAuth2ClientCredentials[" + settings + "]";
  }
}
