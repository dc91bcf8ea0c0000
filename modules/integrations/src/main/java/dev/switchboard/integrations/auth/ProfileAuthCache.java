package dev.switchboard.integrations.auth;

import dev.switchboard.integrations.NetworkPolicy;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.providers.auth.OAuth2ClientCredentials;
import dev.switchboard.providers.auth.RequestAuth;
import dev.switchboard.providers.auth.SpnegoAuth;
import dev.switchboard.providers.auth.StaticAuth;
import dev.switchboard.variables.ResolutionPhase;
import dev.switchboard.variables.VariableResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a stored profile into the {@code RequestAuth} of a call: variables resolved, secrets
 * opened. OAuth 2.0 clients and Kerberos logins are kept between calls, so tokens and tickets are
 * reused until they expire; the key holds the profile's version and a digest of its resolved
 * settings, so an edit, or a variable whose value changed, starts afresh. Static credentials are
 * built per call.
 */
@ApplicationScoped
public class ProfileAuthCache {

  @Inject SecretSealer sealer;
  @Inject NetworkPolicy network;

  private final Map<String, RequestAuth> live = new ConcurrentHashMap<>();

  /** The authentication of one call under the profile. */
  public RequestAuth requestAuth(AuthProfile p, VariableResolver resolver, ResolutionPhase phase) {
    String secret =
        p.secretSealed == null
            ? null
            : resolve(
                resolver,
                sealer.open(p.secretSealed, AuthProfile.TABLE, p.id, AuthProfile.SECRET),
                phase);
    String user = resolve(resolver, p.username, phase);
    return switch (p.kind) {
      case NONE -> target -> Map.of();
      case API_KEY -> StaticAuth.apiKey(p.headerName, secret);
      case BEARER -> StaticAuth.bearer(secret);
      case BASIC -> StaticAuth.basic(user, secret);
      case OAUTH2_CLIENT_CREDENTIALS -> {
        var settings =
            new OAuth2ClientCredentials.Settings(
                URI.create(resolve(resolver, p.tokenEndpoint, phase)),
                user,
                secret,
                p.scope,
                p.audience);
        String key = key(p, settings.tokenEndpoint().toString(), user, secret, p.scope, p.audience);
        yield live.computeIfAbsent(
            key, k -> new OAuth2ClientCredentials(settings, network.policy()));
      }
      case KERBEROS_SPNEGO -> {
        byte[] keytab =
            p.keytabSealed == null
                ? null
                : Base64.getDecoder()
                    .decode(
                        sealer.open(p.keytabSealed, AuthProfile.TABLE, p.id, AuthProfile.KEYTAB));
        var settings =
            new SpnegoAuth.Settings(user, keytab, keytab == null ? secret : null, p.realm, p.kdc);
        String key =
            key(
                p,
                user,
                secret,
                p.realm,
                p.kdc,
                keytab == null ? "" : Base64.getEncoder().encodeToString(keytab));
        yield live.computeIfAbsent(key, k -> new SpnegoAuth(settings));
      }
    };
  }

  /** Drops the kept clients of a profile that changed or went away. */
  void forget(String profileId) {
    live.keySet().removeIf(k -> k.startsWith(profileId + ":"));
  }

  private static String resolve(VariableResolver resolver, String value, ResolutionPhase phase) {
    return value == null ? null : resolver.resolve(value, phase);
  }

  /** {@code id:version:digest}; the digest keeps resolved secrets out of the map's keys. */
  private static String key(AuthProfile p, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1f);
      }
      return p.id + ":" + p.version + ":" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
