package dev.switchboard.integrations.secrets;

import dev.switchboard.platform.database.Database;
import dev.switchboard.variables.rotation.KeyRotation;
import dev.switchboard.variables.rotation.RotationProgress;
import dev.switchboard.variables.rotation.RotationReport;
import dev.switchboard.variables.rotation.SealedColumnRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Master-key rotation as an admin runs it: after a new key version is added to the configuration
 * and made active (new writes use it at once), a run rewraps every sealed value still on an older
 * version, in batches, off the request thread and outside any global transaction. Runs are
 * resumable and idempotent; an old version may be retired only when no value uses it.
 */
@ApplicationScoped
public class SecretRotation {

  private static final Logger LOG = System.getLogger(SecretRotation.class.getName());

  /** Every column that holds sealed values. */
  static final SealedColumnRegistry COLUMNS =
      new SealedColumnRegistry()
          .register("sb_integration", "id", "api_key")
          .register("sb_integration", "id", "extra_headers")
          .register("sb_variable", "id", "secure_value")
          .register("sb_auth_profile", "id", "secret")
          .register("sb_auth_profile", "id", "keytab")
          // the gateway's stored Responses API documents (they hold prompts), one row per part
          .register("sb_response", "id", "body");

  @Inject Database database;
  @Inject SecretSealer sealer;

  @Inject RotationRunner runner;

  private final AtomicReference<Run> current = new AtomicReference<>();

  /** One run: when it started and, once done, its report or failure. */
  public record Run(Instant startedAt, Instant finishedAt, RotationReport report, String failure) {
    public boolean running() {
      return finishedAt == null;
    }
  }

  /**
   * Where rotation stands.
   *
   * @param retirable the configured versions other than the active one that no value uses
   */
  public record Status(
      String activeVersion,
      List<String> configuredVersions,
      Map<String, Long> valuesByVersion,
      long valuesOnUnknownVersions,
      long remaining,
      List<String> retirable,
      Run lastRun) {}

  public Status status() {
    KeyRotation rotation = rotation();
    RotationProgress p = rotation.progress();
    List<String> retirable =
        sealer.cipher().keyRing().versions().stream()
            .filter(v -> !v.equals(p.activeVersion()))
            .filter(rotation::canRetire)
            .toList();
    return new Status(
        p.activeVersion(),
        sealer.cipher().keyRing().versions(),
        new TreeMap<>(p.byVersion()),
        p.otherVersions(),
        p.remaining(),
        retirable,
        current.get());
  }

  /**
   * Refuses a key ring that cannot open every sealed value, when the application starts: the schema
   * is migrated and nothing has been served yet. A version retired too early (or a wrong key spec)
   * then stops the start with a message naming the missing versions, instead of failing call after
   * call. It runs before the other observers of the migration (priority 0), and its exception stops
   * the start-up singleton that fires the event.
   *
   * @throws IllegalStateException if some sealed value uses a version the ring lacks
   */
  void refuseARingThatCannotOpenEveryValue(
      @Observes @Priority(0) dev.switchboard.platform.database.MigrationReport migrated) {
    Map<String, Long> missing = rotation().missingVersions();
    if (!missing.isEmpty()) {
      IllegalStateException refused =
          new IllegalStateException(
              "Switchboard cannot start: sealed values use master key versions the configured key"
                  + " ring "
                  + sealer.cipher().keyRing().versions()
                  + " lacks (version=values: "
                  + missing
                  + "). Add those versions back to SWITCHBOARD_MASTER_KEY (or the key file); retire"
                  + " a version only when the rotation status shows no value on it.");
      LOG.log(Level.ERROR, refused.getMessage());
      throw refused;
    }
  }

  /** Starts a run unless one is going; returns the run in progress either way. */
  public Run start() {
    Run fresh = new Run(Instant.now(), null, null, null);
    Run existing = current.get();
    if (existing != null && existing.running()) {
      return existing;
    }
    if (!current.compareAndSet(existing, fresh)) {
      return current.get();
    }
    runner.runToEnd(this, fresh);
    return fresh;
  }

  /** Called on a managed thread by {@link RotationRunner}. */
  void runToEnd(Run run) {
    try {
      RotationReport report = rotation().run();
      current.set(new Run(run.startedAt(), Instant.now(), report, null));
      LOG.log(
          Level.INFO,
          "Key rotation finished: {0} rewrapped, {1} skipped, {2} failed",
          report.rewrapped(),
          report.skipped(),
          report.failed());
    } catch (RuntimeException e) {
      current.set(
          new Run(
              run.startedAt(),
              Instant.now(),
              null,
              e.getClass().getSimpleName() + ": " + e.getMessage()));
      LOG.log(Level.ERROR, "Key rotation stopped: " + e.getMessage());
    }
  }

  private KeyRotation rotation() {
    return new KeyRotation(database.dataSource(), sealer.cipher(), COLUMNS);
  }
}
