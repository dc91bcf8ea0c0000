package dev.switchboard.usage;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.platform.database.DatabaseKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes ledger entries in batches, idempotently by request id: a batch written twice (a retry
 * after an ambiguous commit, a journal segment replayed after a restart) leaves one row per call.
 * PostgreSQL skips duplicates with {@code ON CONFLICT DO NOTHING}; Derby (one embedded server)
 * skips the ids already present before it inserts. Cost is computed here, at write time.
 */
final class LedgerStore {

  private static final String COLUMNS =
      "request_id, started_at, workspace, feature, caller, call_kind, integration_id, provider,"
          + " model, input_tokens, output_tokens, cached_tokens, reasoning_tokens, total_tokens,"
          + " usage_source, latency_ms, ttft_ms, attempts, error_category, cached_reply, cost,"
          + " currency, written_at";
  private static final String VALUES =
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  private final DataSource dataSource;
  private final DatabaseKind kind;
  private final PriceBook prices;
  private final Clock clock;
  private final int chunk;

  LedgerStore(DataSource dataSource, DatabaseKind kind, PriceBook prices, Clock clock, int chunk) {
    this.dataSource = dataSource;
    this.kind = kind;
    this.prices = prices;
    this.clock = clock;
    this.chunk = chunk;
  }

  /** Writes the records, one transaction per chunk; returns how many rows were new. */
  int write(List<CallRecord> records) throws SQLException {
    int inserted = 0;
    for (int from = 0; from < records.size(); from += chunk) {
      List<CallRecord> part = records.subList(from, Math.min(records.size(), from + chunk));
      inserted += Sql.inTransaction(dataSource, c -> insert(c, part));
    }
    return inserted;
  }

  private int insert(Connection c, List<CallRecord> part) throws SQLException {
    List<CallRecord> todo = part;
    String sql = "INSERT INTO sb_usage_entry (" + COLUMNS + ") VALUES (" + VALUES + ")";
    if (kind == DatabaseKind.POSTGRESQL) {
      sql += " ON CONFLICT (request_id) DO NOTHING";
    } else {
      todo = withoutExisting(c, part);
    }
    if (todo.isEmpty()) {
      return 0;
    }
    java.sql.Timestamp now = Sql.ts(clock.instant());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Set<String> inBatch = new HashSet<>();
      for (CallRecord r : todo) {
        if (!inBatch.add(r.requestId())) {
          continue;
        }
        bind(c, ps, r, now);
        ps.addBatch();
      }
      int n = 0;
      for (int count : ps.executeBatch()) {
        n += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : count;
      }
      return n;
    }
  }

  private void bind(Connection c, PreparedStatement ps, CallRecord r, java.sql.Timestamp now)
      throws SQLException {
    Usage u = r.usage();
    ModelPrice price = prices.priceAt(c, r.provider(), r.model(), r.startedAt());
    BigDecimal cost = PriceBook.cost(price, u);
    ps.setString(1, r.requestId());
    ps.setTimestamp(2, Sql.ts(r.startedAt()));
    ps.setString(3, Sql.truncate(r.context().workspace(), 100));
    ps.setString(4, Sql.truncate(r.context().feature(), 100));
    ps.setString(5, Sql.truncate(r.context().caller(), 200));
    ps.setString(6, r.kind().name());
    ps.setString(7, r.integrationId());
    ps.setString(8, Sql.truncate(r.provider(), 100));
    ps.setString(9, Sql.truncate(r.model(), 200));
    ps.setLong(10, u.inputTokens());
    ps.setLong(11, u.outputTokens());
    ps.setLong(12, u.cachedInputTokens());
    ps.setLong(13, u.reasoningTokens());
    ps.setLong(14, u.totalTokens());
    ps.setString(15, u.source().name());
    ps.setLong(16, r.latency().toMillis());
    if (r.timeToFirstToken() == null) {
      ps.setNull(17, Types.BIGINT);
    } else {
      ps.setLong(17, r.timeToFirstToken().toMillis());
    }
    ps.setInt(18, r.attempts());
    ps.setString(19, r.error() == null ? null : r.error().name());
    ps.setBoolean(20, r.cached());
    ps.setBigDecimal(21, cost);
    ps.setString(22, price == null ? null : price.currency());
    ps.setTimestamp(23, now);
  }

  private static List<CallRecord> withoutExisting(Connection c, List<CallRecord> part)
      throws SQLException {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < part.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    Set<String> existing = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT request_id FROM sb_usage_entry WHERE request_id IN (" + in + ")")) {
      for (int i = 0; i < part.size(); i++) {
        ps.setString(i + 1, part.get(i).requestId());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    if (existing.isEmpty()) {
      return part;
    }
    List<CallRecord> out = new ArrayList<>(part.size());
    for (CallRecord r : part) {
      if (!existing.contains(r.requestId())) {
        out.add(r);
      }
    }
    return out;
  }
}
