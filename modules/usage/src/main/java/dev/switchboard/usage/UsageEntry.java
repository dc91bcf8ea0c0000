package dev.switchboard.usage;

import java.math.BigDecimal;
import java.time.Instant;

/** One ledger row as the admin API shows it. */
public record UsageEntry(
    String requestId,
    Instant startedAt,
    String workspace,
    String feature,
    String caller,
    String kind,
    String integrationId,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long reasoningTokens,
    long totalTokens,
    String usageSource,
    long latencyMillis,
    Long timeToFirstTokenMillis,
    int attempts,
    String errorCategory,
    boolean cachedReply,
    BigDecimal cost,
    String currency) {

  static final String COLUMNS =
      "request_id, started_at, workspace, feature, caller, call_kind, integration_id, provider,"
          + " model, input_tokens, output_tokens, cached_tokens, reasoning_tokens, total_tokens,"
          + " usage_source, latency_ms, ttft_ms, attempts, error_category, cached_reply, cost,"
          + " currency";

  static UsageEntry of(java.sql.ResultSet rs) throws java.sql.SQLException {
    long ttft = rs.getLong(17);
    Long ttftOrNull = rs.wasNull() ? null : ttft;
    return new UsageEntry(
        rs.getString(1),
        Sql.instant(rs.getTimestamp(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getLong(14),
        rs.getString(15),
        rs.getLong(16),
        ttftOrNull,
        rs.getInt(18),
        rs.getString(19),
        rs.getBoolean(20),
        rs.getBigDecimal(21),
        rs.getString(22));
  }

  /** Entries of a period, newest first, with optional filters. */
  public static java.util.List<UsageEntry> list(
      java.sql.Connection c,
      Instant from,
      Instant to,
      String workspace,
      String integrationId,
      String requestId,
      int limit)
      throws java.sql.SQLException {
    return listOf(
        c,
        from,
        to,
        workspace,
        integrationId == null ? null : java.util.List.of(integrationId),
        requestId,
        limit);
  }

  /**
   * Entries of a period, newest first, with optional filters.
   *
   * @param integrationIds only entries of these integrations ({@code null}: any; empty: none)
   */
  public static java.util.List<UsageEntry> listOf(
      java.sql.Connection c,
      Instant from,
      Instant to,
      String workspace,
      java.util.Collection<String> integrationIds,
      String requestId,
      int limit)
      throws java.sql.SQLException {
    if (integrationIds != null && integrationIds.isEmpty()) {
      return java.util.List.of();
    }
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM sb_usage_entry WHERE started_at >= ?")
            .append(" AND started_at < ?");
    java.util.List<Object> params = new java.util.ArrayList<>();
    params.add(Sql.ts(from));
    params.add(Sql.ts(to));
    if (workspace != null) {
      sql.append(" AND workspace = ?");
      params.add(workspace);
    }
    if (integrationIds != null) {
      sql.append(" AND integration_id IN (")
          .append(String.join(",", java.util.Collections.nCopies(integrationIds.size(), "?")))
          .append(")");
      params.addAll(integrationIds);
    }
    if (requestId != null) {
      sql.append(" AND request_id = ?");
      params.add(requestId);
    }
    sql.append(" ORDER BY started_at DESC, request_id");
    try (java.sql.PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      ps.setMaxRows(limit);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        java.util.List<UsageEntry> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(of(rs));
        }
        return out;
      }
    }
  }
}
