package dev.switchboard.providers.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/** A credential that does not change between calls: one header with a fixed value. */
public final class StaticAuth implements RequestAuth {

  private final String header;
  private final String value;

  private StaticAuth(String header, String value) {
    this.header = Objects.requireNonNull(header, "header");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** An API key in a named header, e.g. {@code X-API-Key}. */
  public static StaticAuth apiKey(String headerName, String key) {
    return new StaticAuth(headerName, key);
  }

  /** {@code Authorization: Bearer <token>}. */
  public static StaticAuth bearer(String token) {
    return new StaticAuth("Authorization", "Bearer " + token);
  }

  /** {@code Authorization: Basic} with the user and password (RFC 7617, UTF-8). */
  public static StaticAuth basic(String user, String password) {
    String pair = user + ":" + password;
    return new StaticAuth(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Map<String, String> headers(URI target) {
    return Map.of(header, value);
  }

  @Override
  public String toString() {
    return "StaticAuth[" + header + "=****]";
  }
}
