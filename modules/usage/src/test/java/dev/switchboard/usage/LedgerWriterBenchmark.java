package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Throughput of the ledger on PostgreSQL, measured, not asserted (docs/benchmarks.md). Not part of
 * the build's tests (no {@code *Test} suffix); run it on purpose:
 *
 * <pre>
 * SWITCHBOARD_DB_URL=jdbc:postgresql://127.0.0.1:5432/postgres SWITCHBOARD_DB_USER=postgres \
 *   SWITCHBOARD_DB_PASSWORD=x ./mvnw -B -ntp verify -pl modules/usage -am \
 *   -Dtest=LedgerWriterBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class LedgerWriterBenchmark {

  private static final int CALLS = 200_000;

  @TempDir Path tmp;

  @Test
  void measure() throws Exception {
    PGSimpleDataSource ds = TestDatabases.migratedPostgres();
    try {
      Instant t0 = Instant.now();
      List<CallRecord> records = new ArrayList<>(CALLS);
      for (int i = 0; i < CALLS; i++) {
        records.add(Calls.call("int-" + (i % 20), 100, t0));
      }

      // 1. the database writer alone: batches of 1000, one transaction each, 1 then 2 connections
      LedgerStore store =
          new LedgerStore(
              ds,
              DatabaseKind.POSTGRESQL,
              new PriceBook(Clock.systemUTC(), Duration.ofSeconds(30), ModelCatalog.builtIn()),
              Clock.systemUTC(),
              1000);
      long start = System.nanoTime();
      store.write(records.subList(0, CALLS / 2));
      double writerRate = CALLS / 2 / seconds(start);
      ExecutorService two = Executors.newFixedThreadPool(2);
      store.parallel(two);
      start = System.nanoTime();
      store.write(records.subList(CALLS / 2, CALLS));
      double writerRate2 = CALLS / 2 / seconds(start);
      assertThat(rows(ds)).isEqualTo(CALLS);

      // 2. the journal alone: 64 threads appending, written on the calling thread, fsync every 100
      // ms
      UsageJournal journal = new UsageJournal(tmp.resolve("journal"), true);
      journal.start(Thread::new, Duration.ofMillis(100));
      ExecutorService pool = Executors.newFixedThreadPool(64);
      List<CallRecord> more = new ArrayList<>(CALLS);
      for (int i = 0; i < CALLS; i++) {
        more.add(Calls.call("int-" + (i % 20), 100, t0));
      }
      start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        int from = t * (CALLS / 64);
        int to = t == 63 ? CALLS : from + CALLS / 64;
        done.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    journal.append(more.get(i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double journalRate = CALLS / seconds(start);
      pool.shutdown();

      // 3. journal segments into the database (the writer thread's work)
      LedgerWriter writer = new LedgerWriter(journal, store, r -> {});
      start = System.nanoTime();
      int drained = writer.drain();
      double drainRate = drained / seconds(start);
      journal.close();
      two.shutdown();
      assertThat(rows(ds)).isEqualTo(2L * CALLS);

      System.out.printf(
          "LEDGER BENCHMARK (%d calls; load average %s on %d CPUs): writer alone %.0f/s with one"
              + " connection, %.0f/s with two; journal appends (64 threads, fsync every 100 ms) %.0f/s;"
              + " journal to database (two connections) %.0f/s%n",
          CALLS,
          java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
          Runtime.getRuntime().availableProcessors(),
          writerRate,
          writerRate2,
          journalRate,
          drainRate);
    } finally {
      TestDatabases.dropPostgres(ds);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long rows(javax.sql.DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sb_usage_entry");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
