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

  private static final int PARAMS = 23;
  private static final int ROWS_PER_STATEMENT = 100;

  private final DataSource dataSource;
  private final DatabaseKind kind;
  private final PriceBook prices;
  private final Clock clock;
  private final int chunk;
  private volatile java.util.concurrent.ExecutorService executor;

  LedgerStore(DataSource dataSource, DatabaseKind kind, PriceBook prices, Clock clock, int chunk) {
    this.dataSource = dataSource;
    this.kind = kind;
    this.prices = prices;
    this.clock = clock;
    this.chunk = chunk;
  }

  /**
   * Writes chunks on several connections at once (the writer's executor); without one, in turn.
   * Chunks are independent transactions: if one fails the whole write fails, and writing the
   * records again skips the chunks already committed.
   */
  void parallel(java.util.concurrent.ExecutorService executor) {
    this.executor = executor;
  }

  /** Writes the records, one transaction per chunk; returns how many rows were new. */
  int write(List<CallRecord> records) throws SQLException {
    List<List<CallRecord>> parts = new ArrayList<>();
    for (int from = 0; from < records.size(); from += chunk) {
      parts.add(records.subList(from, Math.min(records.size(), from + chunk)));
    }
    java.util.concurrent.ExecutorService pool = executor;
    int inserted = 0;
    if (pool == null || parts.size() < 2) {
      for (List<CallRecord> part : parts) {
        inserted += Sql.inTransaction(dataSource, c -> insert(c, part));
      }
      return inserted;
    }
    List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
    for (List<CallRecord> part : parts) {
      futures.add(pool.submit(() -> Sql.inTransaction(dataSource, c -> insert(c, part))));
    }
    SQLException failure = null;
    for (java.util.concurrent.Future<Integer> f : futures) {
      try {
        inserted += f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof SQLException s
                  ? s
                  : new SQLException("ledger write failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while writing the ledger", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return inserted;
  }

  private int insert(Connection c, List<CallRecord> part) throws SQLException {
    java.sql.Timestamp now = Sql.ts(clock.instant());
    List<CallRecord> todo =
        distinct(kind == DatabaseKind.POSTGRESQL ? part : withoutExisting(c, part));
    if (todo.isEmpty()) {
      return 0;
    }
    return kind == DatabaseKind.POSTGRESQL
        ? insertMultiRow(c, todo, now)
        : insertBatch(c, todo, now);
  }

  /** Derby: a JDBC batch of single-row inserts (the ids were checked just before). */
  private int insertBatch(Connection c, List<CallRecord> todo, java.sql.Timestamp now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sb_usage_entry (" + COLUMNS + ") VALUES (" + VALUES + ")")) {
      for (CallRecord r : todo) {
        bind(c, ps, r, now, 0);
        ps.addBatch();
      }
      return count(ps.executeBatch());
    }
  }

  /**
   * PostgreSQL: multi-row {@code INSERT ... VALUES (..), (..) ON CONFLICT DO NOTHING} statements of
   * {@value #ROWS_PER_STATEMENT} rows, batched: several times the rate of single-row inserts.
   */
  private int insertMultiRow(Connection c, List<CallRecord> todo, java.sql.Timestamp now)
      throws SQLException {
    int n = 0;
    int full = todo.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(multiRowSql(ROWS_PER_STATEMENT))) {
        for (int from = 0; from < full; from += ROWS_PER_STATEMENT) {
          for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
            bind(c, ps, todo.get(from + i), now, i * PARAMS);
          }
          ps.addBatch();
        }
        n += count(ps.executeBatch());
      }
    }
    int rest = todo.size() - full;
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(multiRowSql(rest))) {
        for (int i = 0; i < rest; i++) {
          bind(c, ps, todo.get(full + i), now, i * PARAMS);
        }
        n += ps.executeUpdate();
      }
    }
    return n;
  }

  private static String multiRowSql(int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO sb_usage_entry (" + COLUMNS + ") VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "(" : ", (").append(VALUES).append(')');
    }
    return sql.append(" ON CONFLICT (request_id) DO NOTHING").toString();
  }

  private static int count(int[] counts) {
    int n = 0;
    for (int count : counts) {
      n += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
    }
    return n;
  }

  /** A record twice in one batch (a replayed segment holds each once, but be safe) counts once. */
  private static List<CallRecord> distinct(List<CallRecord> records) {
    Set<String> seen = new HashSet<>();
    List<CallRecord> out = new ArrayList<>(records.size());
    for (CallRecord r : records) {
      if (seen.add(r.requestId())) {
        out.add(r);
      }
    }
    return out;
  }

  private void bind(
      Connection c, PreparedStatement ps, CallRecord r, java.sql.Timestamp now, int offset)
      throws SQLException {
    Usage u = r.usage();
    dev.switchboard.providers.catalog.ModelPrice price =
        prices.priceFor(c, r.provider(), r.model(), r.startedAt());
    BigDecimal cost = PriceBook.cost(price, u);
    ps.setString(1 + offset, r.requestId());
    ps.setTimestamp(2 + offset, Sql.ts(r.startedAt()));
    ps.setString(3 + offset, Sql.truncate(r.context().workspace(), 100));
    ps.setString(4 + offset, Sql.truncate(r.context().feature(), 100));
    ps.setString(5 + offset, Sql.truncate(r.context().caller(), 200));
    ps.setString(6 + offset, r.kind().name());
    ps.setString(7 + offset, r.integrationId());
    ps.setString(8 + offset, Sql.truncate(r.provider(), 100));
    ps.setString(9 + offset, Sql.truncate(r.model(), 200));
    ps.setLong(10 + offset, u.inputTokens());
    ps.setLong(11 + offset, u.outputTokens());
    ps.setLong(12 + offset, u.cachedInputTokens());
    ps.setLong(13 + offset, u.reasoningTokens());
    ps.setLong(14 + offset, u.totalTokens());
    ps.setString(15 + offset, u.source().name());
    ps.setLong(16 + offset, r.latency().toMillis());
    if (r.timeToFirstToken() == null) {
      ps.setNull(17 + offset, Types.BIGINT);
    } else {
      ps.setLong(17 + offset, r.timeToFirstToken().toMillis());
    }
    ps.setInt(18 + offset, r.attempts());
    ps.setString(19 + offset, r.error() == null ? null : r.error().name());
    ps.setBoolean(20 + offset, r.cached());
    ps.setBigDecimal(21 + offset, cost);
    ps.setString(22 + offset, price == null ? null : price.currency());
    ps.setTimestamp(23 + offset, now);
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
