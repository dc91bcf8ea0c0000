package dev.switchboard.usage;

import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.ConnectionTests;
import dev.switchboard.integrations.IntegrationStatus;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduled connection test of every integration (every 24 hours by default): one server per
 * interval runs it (a {@code sb_scheduled_run} row decides) and each test is kept in the history. A
 * failing scheduled test only warns: the integration turns WARNING and stays in its routes (a 429
 * or an outage of one moment must not take it out of every route); {@code
 * switchboard.connection-test.hard-failures} (default 3) consecutive hard failures (the key
 * refused, the model or address not found) make it ERROR, out of routing (see {@link
 * dev.switchboard.integrations.ScheduledStatus}). Its owner is told by mail once when it starts
 * failing, once when it is taken out of routing and once when it recovers: the recipients of its
 * limit's notifications, plus the owner's account name when it is an e-mail address.
 */
@ApplicationScoped
public class ScheduledConnectionTests {

  private static final Logger LOG = System.getLogger(ScheduledConnectionTests.class.getName());
  static final String JOB = "connection-tests";

  @Inject UsageModule usage;
  @Inject Integrations integrations;
  @Inject ConnectionTests tests;

  @Inject
  @ConfigProperty(name = "switchboard.connection-test.interval-hours", defaultValue = "24")
  long intervalHours;

  @Inject
  @ConfigProperty(name = "switchboard.connection-test.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "switchboard.connection-test.hard-failures", defaultValue = "3")
  int hardFailures;

  public Duration interval() {
    return Duration.ofHours(Math.max(1, intervalHours));
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Runs the tests if this server wins the current interval's slot.
   *
   * @return how many integrations were tested (0 when another server has the slot)
   */
  public int runIfDue() throws SQLException {
    UsageEngine engine = usage.engine();
    Instant now = Instant.now();
    long slot = ScheduledRuns.slot(now, interval());
    if (!ScheduledRuns.claim(engine.dataSource(), JOB, slot, engine.settings().serverId(), now)) {
      return 0;
    }
    return runNow(now);
  }

  /** Tests every integration now, whatever the slot (the timer, or an admin's request). */
  public int runNow(Instant now) throws SQLException {
    UsageEngine engine = usage.engine();
    int tested = 0;
    for (IntegrationView i : integrations.list(UsageModule.SYSTEM)) {
      ConnectionTests.ScheduledTest t;
      try {
        t = tests.scheduled(UsageModule.SYSTEM, i.id(), hardFailures);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Scheduled test of {0} failed to run: {1}", i.id(), e.getMessage());
        continue;
      }
      tested++;
      notice(t.before(), t.after())
          .ifPresent(
              kind -> {
                try {
                  notifyOwner(
                      engine, i.id(), i.name(), i.owner(), kind, t.result(), t.after(), now);
                } catch (SQLException e) {
                  LOG.log(Level.WARNING, "Cannot queue the mail about {0}: {1}", i.id(), e);
                }
              });
    }
    LOG.log(Level.INFO, "Scheduled connection tests: {0} integrations tested", tested);
    return tested;
  }

  /** What the owner is told about a scheduled test. */
  enum Notice {
    FAILING("connection.failing", "started failing its connection test"),
    REMOVED("connection.removed", "was taken out of routing"),
    RECOVERED("connection.recovered", "passes its connection test again");

    final String kind;
    final String subject;

    Notice(String kind, String subject) {
      this.kind = kind;
      this.subject = subject;
    }
  }

  /** The one mail a change of status is worth, if any. */
  static Optional<Notice> notice(IntegrationStatus before, IntegrationStatus after) {
    boolean wasFailing = before == IntegrationStatus.WARNING || before == IntegrationStatus.ERROR;
    if (after == IntegrationStatus.ACTIVE) {
      return wasFailing ? Optional.of(Notice.RECOVERED) : Optional.empty();
    }
    if (after == IntegrationStatus.ERROR && before != IntegrationStatus.ERROR) {
      return Optional.of(wasFailing ? Notice.REMOVED : Notice.FAILING);
    }
    if (after == IntegrationStatus.WARNING && !wasFailing) {
      return Optional.of(Notice.FAILING);
    }
    return Optional.empty();
  }

  static void notifyOwner(
      UsageEngine engine,
      String id,
      String name,
      String owner,
      Notice notice,
      ConnectionTestView r,
      IntegrationStatus after,
      Instant now)
      throws SQLException {
    Set<String> to = new LinkedHashSet<>();
    try (Connection c = engine.dataSource().getConnection()) {
      Optional<UsageLimit> l = UsageLimits.find(c, id);
      l.ifPresent(limit -> to.addAll(limit.recipients()));
      if (owner != null && owner.matches("[^@\\s]+@[^@\\s]+")) {
        to.add(owner);
      }
      if (to.isEmpty()) {
        LOG.log(Level.WARNING, "Integration {0} {1}; nobody to notify", id, notice.subject);
        return;
      }
      String console = engine.settings().consoleUrl();
      String routing =
          r.success()
              ? "It is ACTIVE and in its routes.\n"
              : after == IntegrationStatus.ERROR
                  ? "The key was refused or the model not found in several scheduled tests in a"
                      + " row: it is out of every route (status ERROR) until a test passes.\n"
                  : "It stays in its routes (status WARNING) until a test passes; it is taken"
                      + " out only when the key is refused or the model is not found in several"
                      + " scheduled tests in a row.\n";
      Notifications.queue(
          c,
          notice.kind,
          id,
          List.copyOf(to),
          "Switchboard: " + name + " " + notice.subject,
          "Integration: "
              + name
              + " ("
              + id
              + ")\nTested: "
              + r.testedAt()
              + (r.success() ? "" : "\nError: " + r.errorCategory() + ": " + r.message())
              + "\n"
              + routing
              + "\n"
              + console
              + "/integrations.xhtml?id="
              + id
              + "\n",
          now);
    }
  }
}
