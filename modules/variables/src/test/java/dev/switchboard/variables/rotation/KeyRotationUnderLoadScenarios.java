package dev.switchboard.variables.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.variables.crypto.EnvelopeCipher;
import dev.switchboard.variables.crypto.MasterKeyRing;
import dev.switchboard.variables.crypto.SealedValueException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key rotation under load, run against each database by a subclass. */
abstract class KeyRotationUnderLoadScenarios {

  /** A fresh, empty database for one test. */
  abstract TestDatabase newDatabase();

  private static final int ROWS = 1_000;
  private static final SealedColumn API_KEY = new SealedColumn("sb_integration", "id", "api_key");

  private final MasterKeyRing v1Ring = MasterKeyRing.generate();
  private final MasterKeyRing v2Ring = v1Ring.withNewVersion();
  private final EnvelopeCipher v1 = new EnvelopeCipher(v1Ring);
  private final EnvelopeCipher v2 = new EnvelopeCipher(v2Ring);
  private final SealedColumnRegistry registry = new SealedColumnRegistry().register(API_KEY);

  private TestDatabase db;

  @BeforeEach
  void createTable() throws SQLException {
    db = newDatabase();
    db.execute("CREATE TABLE sb_integration (id BIGINT PRIMARY KEY, api_key VARCHAR(1000))");
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  static String secretOf(Object id) {
    return "sk-secret-for-row-" + id;
  }

  private void sealRows(EnvelopeCipher cipher, int count) throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO sb_integration VALUES (?, ?)")) {
      for (long id = 1; id <= count; id++) {
        insert.setLong(1, id);
        insert.setString(2, cipher.seal(secretOf(id), API_KEY.aad(id)));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Map<Object, String> apiKeys() throws SQLException {
    return db.rows("SELECT id, api_key FROM sb_integration ORDER BY id");
  }

  @Test
  void rotationUnderLiveReadersAndWritersSurvivesAnInterruptAndMovesEveryRowToTheNewKey()
      throws Exception {
    sealRows(v1, ROWS);
    KeyRotation first = new KeyRotation(db.dataSource(), v2, registry);
    assertThat(first.progress().count("v1")).isEqualTo(ROWS);
    assertThat(first.canRetire("v1")).isFalse();

    try (LiveTraffic traffic = new LiveTraffic(3)) {
      traffic.awaitReadPasses(3);
      long afterStop = fourBatchesThenStop(first);
      long afterInterrupt = interruptedPartWay();
      assertThat(afterInterrupt).isLessThan(afterStop).isGreaterThan(0);
      resumedToTheEnd();
      traffic.awaitReadPasses(3);
      traffic.stop();
      assertThat(traffic.failures).isEmpty();
      assertThat(traffic.writes.get()).isPositive();
    }

    Map<Object, String> rows = everyRowOnV2WithV1Retirable();
    db.update("UPDATE sb_integration SET api_key = ? WHERE id = ?", rows.get(2L), 1L);
    String swapped = apiKeys().get(1L);
    assertThatThrownBy(() -> v2.open(swapped, API_KEY.aad(1L)))
        .isInstanceOf(SealedValueException.class)
        .hasMessageContaining("sb_integration.api_key (row 1)")
        .hasMessageNotContaining(secretOf(2L));
  }

  /** A few batches, then the instance is simply dropped: a stop at any time. */
  private long fourBatchesThenStop(KeyRotation rotation) {
    for (int i = 0; i < 4; i++) {
      BatchResult batch = rotation.rewrapBatch(50);
      assertThat(batch.examined()).isEqualTo(50);
      assertThat(batch.failed()).isZero();
      assertThat(batch.rewrapped() + batch.skipped()).isEqualTo(50);
    }
    long left = rotation.progress().count("v1");
    assertThat(left).isLessThanOrEqualTo(ROWS - 200L).isGreaterThan(0);
    return left;
  }

  /** A run whose thread is interrupted at its sixth connection: it stops and says so. */
  private long interruptedPartWay() throws InterruptedException {
    Outcome interrupted = runInThread(db.interruptingAtConnection(6), 50);
    assertThat(interrupted.error()).isNull();
    assertThat(interrupted.report().interrupted()).isTrue();
    assertThat(interrupted.stillInterrupted()).isTrue();
    assertThat(interrupted.report().rewrapped()).isPositive();
    assertThat(interrupted.report().progress().remaining()).isPositive();
    return interrupted.report().progress().count("v1");
  }

  /** A fresh run resumes and finishes while readers and the writer carry on. */
  private void resumedToTheEnd() {
    RotationReport report = new KeyRotation(db.dataSource(), v2, registry).run(50);
    assertThat(report.interrupted()).isFalse();
    assertThat(report.failed()).isZero();
    assertThat(report.rewrapped()).isPositive();
    assertThat(report.progress().complete()).isTrue();
  }

  private Map<Object, String> everyRowOnV2WithV1Retirable() throws SQLException {
    Map<Object, String> rows = apiKeys();
    assertThat(rows).hasSize(ROWS);
    assertThat(rows.values()).allSatisfy(stored -> assertThat(stored).startsWith("sb1:v2:"));
    KeyRotation check = new KeyRotation(db.dataSource(), v2, registry);
    assertThat(check.progress().count("v2")).isEqualTo(ROWS);
    assertThat(check.canRetire("v1")).isTrue();
    assertThat(check.canRetire("v2")).isFalse();
    // v1 really is no longer needed: a ring without it opens every row
    EnvelopeCipher v2Only = new EnvelopeCipher(v2Ring.withoutVersion("v1"));
    rows.forEach(
        (id, stored) -> assertThat(v2Only.open(stored, API_KEY.aad(id))).isEqualTo(secretOf(id)));
    return rows;
  }

  /** A rotation run in its own thread, so an interrupt does not reach the test's thread. */
  private Outcome runInThread(javax.sql.DataSource dataSource, int batchSize)
      throws InterruptedException {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                RotationReport report = new KeyRotation(dataSource, v2, registry).run(batchSize);
                outcome.set(new Outcome(report, Thread.currentThread().isInterrupted(), null));
              } catch (RuntimeException e) {
                outcome.set(new Outcome(null, Thread.currentThread().isInterrupted(), e));
              }
            });
    thread.start();
    thread.join(Duration.ofSeconds(120).toMillis());
    assertThat(thread.isAlive()).isFalse();
    return outcome.get();
  }

  private record Outcome(RotationReport report, boolean stillInterrupted, RuntimeException error) {}

  /**
   * Readers that open every row again and again, and a writer that re-seals random rows with the
   * active version, as a live server would, for as long as the rotation runs.
   */
  private final class LiveTraffic implements AutoCloseable {
    final AtomicInteger readPasses = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final int readers;

    LiveTraffic(int readers) {
      this.readers = readers;
      for (int i = 0; i < readers; i++) {
        threads.add(start("reader-" + i, this::readAll));
      }
      threads.add(start("writer", this::writeOne));
    }

    private Thread start(String name, ThrowingRunnable step) {
      Thread thread =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    step.run();
                  } catch (Throwable t) {
                    failures.add(t);
                    return;
                  }
                }
              },
              name);
      thread.start();
      return thread;
    }

    private void readAll() throws SQLException {
      Map<Object, String> rows = apiKeys();
      if (rows.size() != ROWS) {
        throw new AssertionError("read " + rows.size() + " rows");
      }
      rows.forEach(
          (id, stored) -> {
            String plain = v2.open(stored, API_KEY.aad(id));
            if (!plain.equals(secretOf(id))) {
              throw new AssertionError("row " + id + " opened to another value");
            }
          });
      readPasses.incrementAndGet();
    }

    private void writeOne() throws SQLException {
      long id = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
      db.update(
          "UPDATE sb_integration SET api_key = ? WHERE id = ?",
          v2.seal(secretOf(id), API_KEY.aad(id)),
          id);
      writes.incrementAndGet();
    }

    /** Waits until every reader has opened every row {@code n} more times. */
    void awaitReadPasses(int n) {
      int target = readPasses.get() + n * readers;
      await().atMost(Duration.ofSeconds(120)).until(() -> readPasses.get() >= target);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(30).toMillis());
      }
    }

    @Override
    public void close() {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
