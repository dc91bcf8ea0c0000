package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.derby.client.BasicClientDataSource;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md items 25 and 26: the database server goes away in the middle of a burst of calls
 * and comes back; every call is in the ledger exactly once afterwards. The database is a real Derby
 * network server (on-disk database under a temporary folder) that the test stops and restarts; the
 * ledger reaches it over the network client, as a server reaches PostgreSQL. A crashed server's
 * journal is replayed by the next one.
 */
class LedgerOutageTest {

  @TempDir Path tmp;
  private NetworkServerControl server;
  private int port;
  private final List<UsageEngine> engines = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (UsageEngine e : engines) {
      e.close();
    }
    if (server != null) {
      try {
        server.shutdown();
      } catch (Exception ignored) {
        // already stopped
      }
    }
  }

  @Test
  void everyCallOfABurstIsWrittenExactlyOnceAfterTheDatabaseComesBack() throws Exception {
    port = freePort();
    startServer();
    BasicClientDataSource ds = new BasicClientDataSource();
    ds.setServerName("127.0.0.1");
    ds.setPortNumber(port);
    ds.setDatabaseName(tmp.resolve("db").toString());
    ds.setCreateDatabase("create");
    TestDatabases.migrate(ds);
    ds.setCreateDatabase(null);

    UsageEngine engine = engine(tmp.resolve("journal"), ds);
    engine.start(Thread::new);
    engines.add(engine);

    int threads = 8;
    int perThread = 300;
    Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger recorded = new AtomicInteger();
    AtomicInteger notDurable = new AtomicInteger();
    CountDownLatch stopped = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  CallRecord r = Calls.call("int-1", 10, java.time.Instant.now());
                  ids.add(r.requestId());
                  if (!engine.record(r)) {
                    notDurable.incrementAndGet();
                  }
                  if (recorded.incrementAndGet() == threads * perThread / 3) {
                    stopped.countDown();
                  }
                  if (i % 50 == 0) {
                    Thread.sleep(5);
                  }
                }
                return null;
              }));
    }
    stopped.await();
    long writtenBeforeOutage = countOrMinusOne(ds);
    server.shutdown(); // the database goes away mid-burst
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    // the outage is real and lasts: the ledger cannot be read (nor written) for a while
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> countOrMinusOne(ds), c -> c == -1);
    // part of the burst was not in the ledger when it went away: what is there at the end was
    // written after the database came back (a count of -1 here would mean it was never reachable)
    assertThat(writtenBeforeOutage).isBetween(0L, threads * perThread - 1L);

    startServer(); // ... and comes back
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> countOrMinusOne(ds), c -> c >= threads * perThread);
    assertThat(notDurable.get()).isZero();
    assertThat(engine.journalFailures()).isZero();
    assertThat(countOrMinusOne(ds)).isEqualTo(threads * perThread);
    assertThat(requestIds(ds)).isEqualTo(ids);

    // writing the whole burst again (a replay) adds nothing
    engines.clear();
    engine.close();
    UsageEngine replay = engine(tmp.resolve("journal"), ds);
    engines.add(replay);
    assertThat(replay.drain()).isZero();
    assertThat(countOrMinusOne(ds)).isEqualTo(threads * perThread);
  }

  @Test
  void theJournalOfACrashedServerIsWrittenByTheNextStart() throws Exception {
    UsageJournal crashed = new UsageJournal(tmp.resolve("j"), true);
    crashed.start(Thread::new, java.time.Duration.ofMillis(100));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      CallRecord r = Calls.call("int-1", 10, java.time.Instant.now());
      ids.add(r.requestId());
      assertThat(crashed.append(r)).isTrue();
    }
    // no close, no drain: the server was killed. A torn line after the last forced one is ignored.
    java.nio.file.Files.writeString(
        java.nio.file.Files.list(tmp.resolve("j")).findFirst().orElseThrow(),
        "1\treq_torn\t12",
        java.nio.file.StandardOpenOption.APPEND);

    var ds = TestDatabases.migratedDerby();
    UsageEngine next = engine(tmp.resolve("j"), ds);
    engines.add(next);
    assertThat(next.drain()).isEqualTo(100);
    assertThat(requestIds(ds)).isEqualTo(ids);
  }

  private static UsageEngine engine(Path journal, javax.sql.DataSource ds) {
    return new UsageEngine(
        Calls.settings(journal, "a", 1),
        ds,
        DatabaseKind.DERBY,
        Clock.systemUTC(),
        id -> id,
        ModelCatalog.builtIn());
  }

  private void startServer() throws Exception {
    server = new NetworkServerControl(InetAddress.getByName("127.0.0.1"), port);
    server.start(new PrintWriter(new StringWriter()));
    for (int i = 0; i < 100; i++) {
      try {
        server.ping();
        return;
      } catch (Exception notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Derby network server did not start");
  }

  private static long countOrMinusOne(javax.sql.DataSource ds) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sb_usage_entry");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static Set<String> requestIds(javax.sql.DataSource ds) throws SQLException {
    Set<String> out = new HashSet<>();
    List<String> all = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT request_id FROM sb_usage_entry");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        all.add(rs.getString(1));
        out.add(rs.getString(1));
      }
    }
    assertThat(all).hasSameSizeAs(out);
    return out;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
