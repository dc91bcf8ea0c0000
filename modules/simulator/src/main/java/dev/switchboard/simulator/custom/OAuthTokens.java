package dev.switchboard.simulator.custom;

import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 section 4.4): the client
 * authenticates with HTTP Basic or form parameters; the only client is {@link #CLIENT_ID} with the
 * simulator's key as its secret. Tokens are random, expire after the configured lifetime, and are
 * what the custom endpoint accepts as bearer tokens.
 */
public final class OAuthTokens {

  /** The client id the token endpoint accepts. */
  public static final String CLIENT_ID = "simulator-client";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final AtomicLong count = new AtomicLong();
  private volatile Duration lifetime = Duration.ofHours(1);

  /** Tokens issued from now on live this long. */
  public void lifetime(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("a token lifetime must be positive");
    }
    lifetime = value;
  }

  /** Every token issued so far expires now (as if their lifetime had passed). */
  public void expireAll() {
    issued.replaceAll((token, expiry) -> Instant.EPOCH);
  }

  public long issuedCount() {
    return count.get();
  }

  /** Whether the bearer token was issued here and has not expired. */
  public boolean valid(String token) {
    Instant expiry = token == null ? null : issued.get(token);
    return expiry != null && Instant.now().isBefore(expiry);
  }

  void serve(Call call, String apiKey) throws IOException {
    if (!"POST".equals(call.method())) {
      call.sendJson(405, error("invalid_request", "use POST"));
      return;
    }
    Map<String, String> form = form(call.bodyText());
    String[] client = basic(call.header("Authorization"));
    if (client == null) {
      client = new String[] {form.get("client_id"), form.get("client_secret")};
    }
    if (!CLIENT_ID.equals(client[0]) || !apiKey.equals(client[1])) {
      call.responseHeaders().set("WWW-Authenticate", "Basic realm=\"simulator\"");
      call.sendJson(401, error("invalid_client", "client authentication failed"));
      return;
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      call.sendJson(400, error("unsupported_grant_type", "only client_credentials"));
      return;
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sim-at-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Duration ttl = lifetime;
    issued.put(token, Instant.now().plus(ttl));
    count.incrementAndGet();
    var body =
        Json.object()
            .put("access_token", token)
            .put("token_type", "Bearer")
            .put("expires_in", Math.max(1, ttl.toSeconds()));
    if (form.get("scope") != null) {
      body.put("scope", form.get("scope"));
    }
    call.responseHeaders().set("Cache-Control", "no-store");
    call.sendJson(200, body);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode error(String code, String text) {
    return Json.object().put("error", code).put("error_description", text);
  }

  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String pair;
    try {
      pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new String[] {null, null};
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return new String[] {null, null};
    }
    return new String[] {decode(pair.substring(0, colon)), decode(pair.substring(colon + 1))};
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return form;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
