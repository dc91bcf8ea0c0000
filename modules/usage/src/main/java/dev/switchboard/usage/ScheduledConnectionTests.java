package dev.switchboard.usage;

import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.ConnectionTests;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduled connection test of every integration (every 24 hours by default): one server per
 * interval runs it (a {@code sb_scheduled_run} row decides), each test updates the integration's
 * status and history as a manual test does, and when an integration that worked starts failing its
 * owner is told by mail: the recipients of its limit's notifications, plus the owner's account name
 * when it is an e-mail address.
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
    int tested = 0;
    for (IntegrationView i : integrations.list(UsageModule.SYSTEM)) {
      Boolean before = i.lastTestOk();
      ConnectionTestView result;
      try {
        result = tests.test(UsageModule.SYSTEM, i.id(), null, Map.of(), false);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Scheduled test of {0} failed to run: {1}", i.id(), e.getMessage());
        continue;
      }
      tested++;
      if (!result.success() && !Boolean.FALSE.equals(before)) {
        notifyOwner(engine, i, result, now);
      }
    }
    LOG.log(Level.INFO, "Scheduled connection tests: {0} integrations tested", tested);
    return tested;
  }

  private void notifyOwner(UsageEngine engine, IntegrationView i, ConnectionTestView r, Instant now)
      throws SQLException {
    Set<String> to = new LinkedHashSet<>();
    try (Connection c = engine.dataSource().getConnection()) {
      Optional<UsageLimit> l = UsageLimits.find(c, i.id());
      l.ifPresent(limit -> to.addAll(limit.recipients()));
      if (i.owner() != null && i.owner().matches("[^@\\s]+@[^@\\s]+")) {
        to.add(i.owner());
      }
      if (to.isEmpty()) {
        LOG.log(Level.WARNING, "Integration {0} started failing; nobody to notify", i.id());
        return;
      }
      String console = engine.settings().consoleUrl();
      Notifications.queue(
          c,
          "connection.failing",
          i.id(),
          List.copyOf(to),
          "Switchboard: " + i.name() + " started failing its connection test",
          "Integration: "
              + i.name()
              + " ("
              + i.id()
              + ")\nTested: "
              + r.testedAt()
              + "\nError: "
              + r.errorCategory()
              + ": "
              + r.message()
              + "\n\n"
              + console
              + "/integrations.xhtml?id="
              + i.id()
              + "\n",
          now);
    }
  }
}
