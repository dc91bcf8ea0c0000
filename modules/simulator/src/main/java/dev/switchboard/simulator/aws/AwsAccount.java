package dev.switchboard.simulator.aws;

import dev.switchboard.simulator.AwsSession;
import dev.switchboard.simulator.SimulatorOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated AWS account: its long-term key pair and the temporary credentials STS has issued.
 * Shared by the {@code sts} family (which issues) and the {@code bedrock} family (which accepts).
 */
public final class AwsAccount {

  /** A key pair requests may be signed with; {@code sessionToken} is null for the long-term key. */
  public record Key(String accessKeyId, String secret, String sessionToken, Instant expiresAt) {

    boolean temporary() {
      return sessionToken != null;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SimulatorOptions.Aws options;
  private final Clock clock;
  private final Map<String, Key> issued = new ConcurrentHashMap<>();
  private final List<AwsSession> sessions = new ArrayList<>();

  public AwsAccount(SimulatorOptions.Aws options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** The key with this access key id: the long-term one or an issued one (expired or not). */
  Optional<Key> key(String accessKeyId) {
    if (options.accessKeyId().equals(accessKeyId)) {
      return Optional.of(new Key(accessKeyId, options.secretAccessKey(), null, null));
    }
    return Optional.ofNullable(issued.get(accessKeyId));
  }

  /** Issues temporary credentials for a role, valid for the configured session lifetime. */
  Key assume(String roleArn, String externalId) {
    Key key =
        new Key(
            "ASIASIM" + hex(7).toUpperCase(java.util.Locale.ROOT),
            hex(20),
            "FwoGZXIvYXdzE" + hex(40),
            now().plus(options.sessionLifetime()));
    issued.put(key.accessKeyId(), key);
    synchronized (sessions) {
      sessions.add(new AwsSession(roleArn, externalId, key.accessKeyId(), key.expiresAt()));
    }
    return key;
  }

  /** Every {@code AssumeRole} answered so far, oldest first. */
  public List<AwsSession> sessions() {
    synchronized (sessions) {
      return List.copyOf(sessions);
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
