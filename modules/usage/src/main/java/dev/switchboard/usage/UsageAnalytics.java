package dev.switchboard.usage;

import dev.switchboard.platform.database.DatabaseKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage summaries over the ledger. Sums are SQL on both databases. The median latency is {@code
 * PERCENTILE_CONT(0.5)} on PostgreSQL; Derby has no percentile function, so there the latencies of
 * the period are read in order and the median taken in Java (Derby is the single-server, small-data
 * option, where that read stays small).
 */
public final class UsageAnalytics {

  private UsageAnalytics() {}

  public static UsageSummary summarize(Connection c, DatabaseKind kind, UsageQuery q)
      throws SQLException {
    String key = q.groupBy().expression;
    StringBuilder where = new StringBuilder(" WHERE started_at >= ? AND started_at < ?");
    List<Object> params = new ArrayList<>(List.of(Sql.ts(q.from()), Sql.ts(q.to())));
    if (q.workspace() != null) {
      where.append(" AND workspace = ?");
      params.add(q.workspace());
    }
    if (q.integrationId() != null) {
      where.append(" AND integration_id = ?");
      params.add(q.integrationId());
    }
    boolean pg = kind == DatabaseKind.POSTGRESQL;
    String sql =
        "SELECT "
            + key
            + " AS k, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(total_tokens),"
            + " SUM(cost), SUM(CASE WHEN cost IS NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN usage_source = 'ESTIMATED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN usage_source = 'INCOMPLETE' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN error_category IS NULL THEN 0 ELSE 1 END)"
            + (pg ? ", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY latency_ms)" : "")
            + " FROM sb_usage_entry"
            + where
            + " GROUP BY "
            + key
            + " ORDER BY 1";
    List<UsageRow> rows = new ArrayList<>();
    Map<String, Double> medians = pg ? null : derbyMedians(c, key, where.toString(), params);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String k = rs.getString(1);
          BigDecimal cost = rs.getBigDecimal(6);
          rows.add(
              new UsageRow(
                  k,
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  cost,
                  rs.getLong(7),
                  pg ? rs.getDouble(11) : medians.getOrDefault(k, 0.0),
                  rs.getLong(8),
                  rs.getLong(9),
                  rs.getLong(10)));
        }
      }
    }
    return new UsageSummary(
        q.from(), q.to(), q.groupBy().name(), rows, estimatedWarnings(c, where.toString(), params));
  }

  /**
   * A warning per integration whose successful calls in the period had estimated usage: its
   * responses carry no usage the gateway can read (no token key mapping), so its consumption is not
   * tracked exactly.
   */
  static List<String> estimatedWarnings(Connection c, String where, List<Object> params)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT integration_id FROM sb_usage_entry"
                + where
                + " AND integration_id IS NOT NULL AND usage_source = 'ESTIMATED'"
                + " AND error_category IS NULL AND cached_reply = ? ORDER BY integration_id")) {
      bind(ps, params);
      ps.setBoolean(params.size() + 1, false);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(estimatedWarning(rs.getString(1)));
        }
      }
    }
    return out;
  }

  static String estimatedWarning(String integrationId) {
    return "Integration "
        + integrationId
        + ": usage is estimated (its responses report no tokens the gateway can read; map its"
        + " token keys), so its consumption is not tracked exactly.";
  }

  private static Map<String, Double> derbyMedians(
      Connection c, String key, String where, List<Object> params) throws SQLException {
    Map<String, List<Long>> byKey = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + key + ", latency_ms FROM sb_usage_entry" + where + " ORDER BY 1, 2")) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }
      }
    }
    Map<String, Double> out = new HashMap<>();
    byKey.forEach((k, v) -> out.put(k, median(v)));
    return out;
  }

  /** The median of a sorted list, the mean of the middle two for an even count. */
  static double median(List<Long> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return 0;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }
}
