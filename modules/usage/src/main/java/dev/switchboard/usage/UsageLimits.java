package dev.switchboard.usage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The limits table over JDBC, and the sums the limits are measured with. */
public final class UsageLimits {

  private static final String SELECT =
      "SELECT integration_id, max_tokens, cycle_days, start_date, enforcing, notify, thresholds,"
          + " recipients, cycle_start, cycle_end, updated_by, updated_at FROM sb_usage_limit";

  private UsageLimits() {}

  public static List<UsageLimit> all(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY integration_id");
        ResultSet rs = ps.executeQuery()) {
      List<UsageLimit> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row(rs));
      }
      return out;
    }
  }

  public static Optional<UsageLimit> find(Connection c, String integrationId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE integration_id = ?")) {
      ps.setString(1, integrationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Creates or replaces a limit. The cycle is recomputed from the schedule; when it is the same
   * cycle as before, alerts already sent in it stay sent.
   */
  public static UsageLimit save(
      Connection c, String integrationId, LimitDraft d, String actor, Instant now)
      throws SQLException {
    CycleWindow w = CycleWindow.containing(d.startDate(), d.cycleDays(), now);
    UsageLimit l =
        new UsageLimit(
            integrationId,
            d.maxTokens(),
            d.cycleDays(),
            d.startDate(),
            d.enforcing(),
            d.notifications(),
            d.thresholds(),
            d.recipients(),
            w.start(),
            w.end(),
            actor,
            now);
    String update =
        "UPDATE sb_usage_limit SET max_tokens = ?, cycle_days = ?, start_date = ?, enforcing = ?,"
            + " notify = ?, thresholds = ?, recipients = ?, cycle_start = ?, cycle_end = ?,"
            + " updated_by = ?, updated_at = ? WHERE integration_id = ?";
    String insert =
        "INSERT INTO sb_usage_limit (max_tokens, cycle_days, start_date, enforcing, notify,"
            + " thresholds, recipients, cycle_start, cycle_end, updated_by, updated_at,"
            + " integration_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (execute(c, update, l) == 0) {
      execute(c, insert, l);
    }
    return l;
  }

  public static boolean delete(Connection c, String integrationId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM sb_usage_limit WHERE integration_id = ?")) {
      ps.setString(1, integrationId);
      return ps.executeUpdate() > 0;
    }
  }

  /** Tokens an integration used in a window, from the ledger. */
  public static long used(Connection c, String integrationId, CycleWindow w) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(SUM(total_tokens), 0) FROM sb_usage_entry"
                + " WHERE integration_id = ? AND started_at >= ? AND started_at < ?")) {
      ps.setString(1, integrationId);
      ps.setTimestamp(2, Sql.ts(w.start()));
      ps.setTimestamp(3, Sql.ts(w.end()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static int execute(Connection c, String sql, UsageLimit l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, l.maxTokens());
      ps.setInt(2, l.cycleDays());
      ps.setDate(3, Date.valueOf(l.startDate()));
      ps.setBoolean(4, l.enforcing());
      ps.setBoolean(5, l.notifications());
      ps.setString(6, String.join(",", l.thresholds().stream().map(String::valueOf).toList()));
      ps.setString(7, String.join(",", l.recipients()));
      ps.setTimestamp(8, Sql.ts(l.cycleStart()));
      ps.setTimestamp(9, Sql.ts(l.cycleEnd()));
      ps.setString(10, l.updatedBy());
      ps.setTimestamp(11, Sql.ts(l.updatedAt()));
      ps.setString(12, l.integrationId());
      return ps.executeUpdate();
    }
  }

  private static UsageLimit row(ResultSet rs) throws SQLException {
    String ts = rs.getString(7);
    String rc = rs.getString(8);
    return new UsageLimit(
        rs.getString(1),
        rs.getLong(2),
        rs.getInt(3),
        rs.getDate(4).toLocalDate(),
        rs.getBoolean(5),
        rs.getBoolean(6),
        ts.isBlank() ? List.of() : Arrays.stream(ts.split(",")).map(Integer::valueOf).toList(),
        rc.isBlank() ? List.of() : List.of(rc.split(",")),
        Sql.instant(rs.getTimestamp(9)),
        Sql.instant(rs.getTimestamp(10)),
        rs.getString(11),
        Sql.instant(rs.getTimestamp(12)));
  }
}
