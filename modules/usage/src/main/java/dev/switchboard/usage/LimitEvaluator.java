package dev.switchboard.usage;

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

  private static final System.Logger LOG = System.getLogger(LimitEvaluator.class.getName());

  /** One limit as evaluated: its cycle and the tokens used in it. */
  public record Measured(UsageLimit limit, long used) {}

  /** What one evaluation did. */
  /**
   * @param failed the integrations whose limit could not be evaluated this time (logged; the others
   *     were evaluated regardless)
   */
  public record Result(int resets, int alerts, List<Measured> limits, List<String> failed) {}

  private final DataSource dataSource;
  private final Clock clock;
  private final String serverId;
  private final UnaryOperator<String> integrationNames;
  private final String consoleUrl;

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
    List<Measured> measured = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (UsageLimit limit : limits) {
      if (only != null && !only.contains(limit.integrationId())) {
        continue;
      }
      // each limit on its own: one that fails (a database error, a bad row) is logged and the
      // others are still reset and alerted
      try {
        UsageLimit l = limit;
        Instant now = clock.instant();
        if (!now.isBefore(l.cycleEnd())) {
          if (reset(l, now)) {
            resets++;
          }
          try (Connection c = dataSource.getConnection()) {
            l = UsageLimits.find(c, l.integrationId()).orElse(null);
          }
          if (l == null) {
            continue;
          }
        }
        long used;
        try (Connection c = dataSource.getConnection()) {
          used = UsageLimits.used(c, l.integrationId(), l.cycle());
        }
        measured.add(new Measured(l, used));
        if (l.notifications() && !l.recipients().isEmpty()) {
          alerts += alert(l, used, now);
        }
      } catch (SQLException | RuntimeException e) {
        failed.add(limit.integrationId());
        LOG.log(
            System.Logger.Level.WARNING,
            "The token limit of integration "
                + limit.integrationId()
                + " could not be evaluated; the other limits were: "
                + e.getMessage(),
            e);
      }
    }
    return new Result(resets, alerts, measured, List.copyOf(failed));
  }

  /**
   * Moves a limit to the cycle containing now, if nobody did already.
   *
   * @return whether this call made the reset
   */
  boolean reset(UsageLimit seen, Instant now) throws SQLException {
    CycleWindow next = CycleWindow.containing(seen.startDate(), seen.cycleDays(), now);
    if (next.start().equals(seen.cycleStart())) {
      return false;
    }
    return Sql.inTransaction(
        dataSource,
        c -> {
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
          if (n != 1) {
            return false;
          }
          // a reset to this cycle recorded before (the limit's cycle was moved back since): the
          // record stands, and inserting it again would fail the move
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT 1 FROM sb_usage_cycle_reset WHERE integration_id = ? AND cycle_start = ?")) {
            ps.setString(1, seen.integrationId());
            ps.setTimestamp(2, Sql.ts(next.start()));
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return true;
              }
            }
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
        });
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
