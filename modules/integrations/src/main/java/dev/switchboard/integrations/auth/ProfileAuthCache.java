package dev.switchboard.integrations.auth;

import dev.switchboard.integrations.NetworkPolicy;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.platform.config.ConfigVersion;
import dev.switchboard.providers.auth.OAuth2ClientCredentials;
import dev.switchboard.providers.auth.RequestAuth;
import dev.switchboard.providers.auth.SpnegoAuth;
import dev.switchboard.providers.auth.StaticAuth;
import dev.switchboard.variables.ResolutionPhase;
import dev.switchboard.variables.VariableResolver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a stored profile into the {@code RequestAuth} of a call: variables resolved, secrets
 * opened. OAuth 2.0 clients and Kerberos logins are kept between calls ({@link ProfileClients}), so
 * tokens and tickets are reused until they expire; the key holds the profile's version and a digest
 * of its resolved settings, so an edit, or a variable whose value changed, starts afresh. The kept
 * clients are bounded ({@code switchboard.integrations.auth-cache.max-entries}, {@code
 * idle-minutes}), and dropped, their tickets and tokens destroyed, when their profile changes on
 * this server or any other ({@link ConfigVersion#onChange}). Static credentials are built per call.
 */
@ApplicationScoped
public class ProfileAuthCache {

  @Inject SecretSealer sealer;
  @Inject NetworkPolicy network;
  @Inject ConfigVersion version;
  @Inject AuthProfiles profiles;

  @Inject
  @ConfigProperty(name = "switchboard.integrations.auth-cache.max-entries", defaultValue = "500")
  int maxEntries;

  @Inject
  @ConfigProperty(name = "switchboard.integrations.auth-cache.idle-minutes", defaultValue = "30")
  long idleMinutes;

  @Inject
  @ConfigProperty(name = "switchboard.integrations.kerberos.kdc-timeout-ms", defaultValue = "5000")
  long kdcTimeoutMs;

  private ProfileClients live;

  @PostConstruct
  void init() {
    live = new ProfileClients(maxEntries, Duration.ofMinutes(idleMinutes), System::nanoTime);
    version.onChange(() -> live.current(profiles.versions()));
  }

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
        yield live.handle(
            p.id, p.version, key, () -> new OAuth2ClientCredentials(settings, network.policy()));
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
        Duration timeout = Duration.ofMillis(Math.max(1, kdcTimeoutMs));
        yield live.handle(
            p.id, p.version, key, () -> new SpnegoAuth(settings, network.policy(), timeout));
      }
    };
  }

  /** Drops the kept clients of a profile that changed or went away. */
  void forget(String profileId) {
    live.forget(profileId);
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
