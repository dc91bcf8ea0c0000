package dev.switchboard.usage;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Resets cycles and raises threshold alerts; run by a timer on every server, as often as once a
 * minute, and after ledger writes. The database decides every event, never the timer: a reset is a
 * conditional update from the cycle the evaluator saw (plus a row keyed by the new cycle start), an
 * alert is a row keyed by (integration, cycle start, threshold) inserted in the same transaction as
 * its mail. Two servers, or fifty threads, racing over one crossing produce one of each.
 */
public final class LimitEvaluator {

  /** One limit as evaluated: its cycle and the tokens used in it. */
  public record Measured(UsageLimit limit, long used) {}

  /** What one evaluation did. */
  public record Result(int resets, int alerts, List<Measured> limits, int failed) {}

  private static final System.Logger LOG = System.getLogger(LimitEvaluator.class.getName());

  private final DataSource dataSource;
  private final Clock clock;
  private final String serverId;
  private final UnaryOperator<String> integrationNames;
  private final String consoleUrl;
  private final java.util.concurrent.atomic.AtomicLong failures =
      new java.util.concurrent.atomic.AtomicLong();

  public LimitEvaluator(
      DataSource dataSource,
      Clock clock,
      String serverId,
      UnaryOperator<String> integrationNames,
      String consoleUrl) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.serverId = serverId;
    this.integrationNames = integrationNames;
    this.consoleUrl = consoleUrl;
  }

  /** Evaluates every limit, or only those of the given integrations when not null. */
  public Result evaluate(Set<String> only) throws SQLException {
    List<UsageLimit> limits;
    try (Connection c = dataSource.getConnection()) {
      limits = UsageLimits.all(c);
    }
    int resets = 0;
    int alerts = 0;
    int failed = 0;
    List<Measured> measured = new ArrayList<>();
    for (UsageLimit l : limits) {
      if (only != null && !only.contains(l.integrationId())) {
        continue;
      }
      // each limit on its own: one that fails (a bad row, a name that cannot be read, a database
      // error on its statements) is logged and counted, and the others are still reset and alerted
      try {
        Evaluated e = evaluateOne(l);
        if (e.reset()) {
          resets++;
        }
        alerts += e.alerts();
        if (e.measured() != null) {
          measured.add(e.measured());
        }
      } catch (SQLException | RuntimeException e) {
        failed++;
        failures.incrementAndGet();
        LOG.log(
            Level.ERROR,
            "Evaluating the usage limit of {0} failed; the other limits go on: {1}",
            l.integrationId(),
            e.toString());
      }
    }
    return new Result(resets, alerts, measured, failed);
  }

  /** Evaluations of one limit that failed since start (each logged). */
  public long failures() {
    return failures.get();
  }

  private record Evaluated(boolean reset, int alerts, Measured measured) {}

  private Evaluated evaluateOne(UsageLimit seen) throws SQLException {
    UsageLimit l = seen;
    Instant now = clock.instant();
    boolean reset = false;
    if (!now.isBefore(l.cycleEnd())) {
      reset = reset(l, now);
      try (Connection c = dataSource.getConnection()) {
        l = UsageLimits.find(c, l.integrationId()).orElse(null);
      }
      if (l == null) {
        return new Evaluated(reset, 0, null);
      }
    }
    long used;
    try (Connection c = dataSource.getConnection()) {
      used = UsageLimits.used(c, l.integrationId(), l.cycle());
    }
    int alerts = 0;
    if (l.notifications() && !l.recipients().isEmpty()) {
      alerts = alert(l, used, now);
    }
    return new Evaluated(reset, alerts, new Measured(l, used));
  }

  /**
   * Moves a limit to the cycle containing now, if nobody did already. A reset row already recorded
   * for that cycle (a reset interrupted between its two writes, or a limit moved back to an older
   * cycle by an edit) means the reset was made: the limit moves on without a second row.
   *
   * @return whether this call made the reset
   */
  boolean reset(UsageLimit seen, Instant now) throws SQLException {
    CycleWindow next = CycleWindow.containing(seen.startDate(), seen.cycleDays(), now);
    if (next.start().equals(seen.cycleStart())) {
      return false;
    }
    try {
      return Sql.inTransaction(dataSource, c -> moveCycle(c, seen, next, now, true));
    } catch (SQLException e) {
      if (!Sql.duplicateKey(e)) {
        throw e;
      }
      // the cycle's reset is recorded already (its row raced in between our check and insert):
      // count it as done and move the limit alone
      Sql.inTransaction(dataSource, c -> moveCycle(c, seen, next, now, false));
      return false;
    }
  }

  private boolean moveCycle(
      Connection c, UsageLimit seen, CycleWindow next, Instant now, boolean record)
      throws SQLException {
    int n;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sb_usage_limit SET cycle_start = ?, cycle_end = ?"
                + " WHERE integration_id = ? AND cycle_start = ?")) {
      ps.setTimestamp(1, Sql.ts(next.start()));
      ps.setTimestamp(2, Sql.ts(next.end()));
      ps.setString(3, seen.integrationId());
      ps.setTimestamp(4, Sql.ts(seen.cycleStart()));
      n = ps.executeUpdate();
    }
    if (n != 1 || !record || resetRecorded(c, seen.integrationId(), next.start())) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sb_usage_cycle_reset (integration_id, cycle_start, previous_start,"
                + " reset_at, reset_by) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, seen.integrationId());
      ps.setTimestamp(2, Sql.ts(next.start()));
      ps.setTimestamp(3, Sql.ts(seen.cycleStart()));
      ps.setTimestamp(4, Sql.ts(now));
      ps.setString(5, serverId);
      ps.executeUpdate();
    }
    return true;
  }

  private static boolean resetRecorded(Connection c, String integrationId, Instant cycleStart)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM sb_usage_cycle_reset WHERE integration_id = ? AND cycle_start = ?")) {
      ps.setString(1, integrationId);
      ps.setTimestamp(2, Sql.ts(cycleStart));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Raises each threshold crossed and not yet alerted in this cycle; returns how many. */
  int alert(UsageLimit l, long used, Instant now) throws SQLException {
    Set<Integer> done = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT threshold_pct FROM sb_usage_alert WHERE integration_id = ?"
                    + " AND cycle_start = ?")) {
      ps.setString(1, l.integrationId());
      ps.setTimestamp(2, Sql.ts(l.cycleStart()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          done.add(rs.getInt(1));
        }
      }
    }
    int raised = 0;
    for (int threshold : l.thresholds()) {
      if (done.contains(threshold) || used * 100 < (long) threshold * l.maxTokens()) {
        continue;
      }
      if (raise(l, threshold, used, now)) {
        raised++;
      }
    }
    return raised;
  }

  private boolean raise(UsageLimit l, int threshold, long used, Instant now) throws SQLException {
    try {
      return Sql.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO sb_usage_alert (integration_id, cycle_start, threshold_pct,"
                        + " used_tokens, max_tokens, created_at, created_by) VALUES (?, ?, ?, ?, ?,"
                        + " ?, ?)")) {
              ps.setString(1, l.integrationId());
              ps.setTimestamp(2, Sql.ts(l.cycleStart()));
              ps.setInt(3, threshold);
              ps.setLong(4, used);
              ps.setLong(5, l.maxTokens());
              ps.setTimestamp(6, Sql.ts(now));
              ps.setString(7, serverId);
              ps.executeUpdate();
            }
            String id =
                Notifications.queue(
                    c,
                    "usage.threshold",
                    l.integrationId(),
                    l.recipients(),
                    subject(l, threshold),
                    body(l, threshold, used),
                    now);
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE sb_usage_alert SET notification_id = ? WHERE integration_id = ?"
                        + " AND cycle_start = ? AND threshold_pct = ?")) {
              ps.setString(1, id);
              ps.setString(2, l.integrationId());
              ps.setTimestamp(3, Sql.ts(l.cycleStart()));
              ps.setInt(4, threshold);
              ps.executeUpdate();
            }
            return true;
          });
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  private String subject(UsageLimit l, int threshold) {
    return "Switchboard: " + name(l) + " reached " + threshold + "% of its token limit";
  }

  private String body(UsageLimit l, int threshold, long used) {
    long pct = l.maxTokens() == 0 ? 0 : used * 100 / l.maxTokens();
    return "Integration: "
        + name(l)
        + " ("
        + l.integrationId()
        + ")\n"
        + "Threshold: "
        + threshold
        + "%\n"
        + "Usage: "
        + used
        + " of "
        + l.maxTokens()
        + " tokens ("
        + pct
        + "%)\n"
        + "Cycle: "
        + l.cycleStart()
        + " to "
        + l.cycleEnd()
        + " (resets then; "
        + l.cycleDays()
        + "-day cycles)\n"
        + "Mode: "
        + (l.enforcing()
            ? "enforcing: calls beyond the limit are refused until the reset"
            : "notify only: calls are not blocked")
        + "\n\n"
        + "Integration: "
        + consoleUrl
        + "/integrations.xhtml?id="
        + l.integrationId()
        + "\nUsage: "
        + consoleUrl
        + "/usage.xhtml?integration="
        + l.integrationId()
        + "\n";
  }

  private String name(UsageLimit l) {
    String n = integrationNames.apply(l.integrationId());
    return n == null ? l.integrationId() : n;
  }
}
