package dev.switchboard.variables.rotation;

import dev.switchboard.variables.crypto.EnvelopeCipher;
import dev.switchboard.variables.crypto.MasterKeyRing;
import dev.switchboard.variables.crypto.SealedValueException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Moves every sealed value in the registered columns to the active master key version, by
 * re-wrapping its data key (the value itself is not re-encrypted).
 *
 * <p>Each row is updated with a compare-and-set ({@code UPDATE t SET col = ? WHERE id = ? AND col =
 * ?}) in its own transaction, so the rotation is resumable (stop at any time, run again),
 * idempotent (rows already on the active version are not selected), and safe alongside live readers
 * and writers: a reader sees either the old or the new form, and both open as long as both versions
 * are in the ring; a row changed meanwhile is skipped this pass. Two servers may run it at the same
 * time. The SQL is portable (Derby and PostgreSQL).
 *
 * <p>An instance remembers where its current pass stands between batches; its methods are
 * synchronized. Logs carry counts, tables, columns and ids, never values.
 *
 * <p>Each row commits on its own (auto-commit), so in a container call it outside any global
 * transaction (for example from a bean method with transaction attribute {@code NOT_SUPPORTED}).
 */
public final class KeyRotation {

  /** Rows per batch for {@link #run()}. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final System.Logger LOG = System.getLogger(KeyRotation.class.getName());
  private static final int MAX_PASSES = 20;

  private final DataSource dataSource;
  private final EnvelopeCipher cipher;
  private final SealedColumnRegistry registry;
  private final RotationSql sql = new RotationSql();

  private List<SealedColumn> passColumns = List.of();
  private int columnIndex;
  private Object cursor;

  /**
   * A rotation to the cipher's active key version.
   *
   * @param dataSource the database with the registered columns
   * @param cipher the cipher whose ring has the old versions and the new active one
   * @param registry the columns holding sealed values
   */
  public KeyRotation(DataSource dataSource, EnvelopeCipher cipher, SealedColumnRegistry registry) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Counts the sealed values per key version over every registered column.
   *
   * @return the counts
   * @throws RotationException if the database cannot be read
   */
  public synchronized RotationProgress progress() {
    MasterKeyRing ring = cipher.keyRing();
    Map<String, Long> byVersion = new HashMap<>();
    long total = 0;
    try (Connection connection = dataSource.getConnection()) {
      for (SealedColumn column : registry.columns()) {
        total += sql.countLike(connection, column, RotationSql.ANY_SEALED);
        for (String version : ring.versions()) {
          byVersion.merge(version, sql.countLike(connection, column, prefix(version)), Long::sum);
        }
      }
    } catch (SQLException e) {
      throw new RotationException("Cannot count sealed values by key version", e);
    }
    long known = byVersion.values().stream().mapToLong(Long::longValue).sum();
    return new RotationProgress(ring.activeVersion(), byVersion, total - known, total);
  }

  /**
   * The key versions that sealed values use but the ring lacks, with how many values use each:
   * values nobody can open. A server must not start with such a ring (a version was retired too
   * early, or the wrong key spec was deployed); only the version ids are read, never a value.
   *
   * @return version id (or {@code (malformed)}) to count; empty when the ring opens every value
   * @throws RotationException if the database cannot be read
   */
  public synchronized Map<String, Long> missingVersions() {
    MasterKeyRing ring = cipher.keyRing();
    Map<String, Long> missing = new java.util.TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      for (SealedColumn column : registry.columns()) {
        for (String version : sql.versionsOf(connection, column)) {
          if (!ring.contains(version)) {
            missing.merge(version, 1L, Long::sum);
          }
        }
      }
    } catch (SQLException e) {
      throw new RotationException("Cannot read the key versions of sealed values", e);
    }
    return missing;
  }

  /**
   * Whether a key version may be removed from the ring: it is not the active version and no
   * registered column has a value on it.
   *
   * @param version a key version, for example {@code v1}
   * @return true only when no row uses it
   * @throws RotationException if the database cannot be read
   */
  public synchronized boolean canRetire(String version) {
    if (!MasterKeyRing.isVersionId(version) || version.equals(cipher.keyRing().activeVersion())) {
      return false;
    }
    try (Connection connection = dataSource.getConnection()) {
      for (SealedColumn column : registry.columns()) {
        if (sql.countLike(connection, column, prefix(version)) > 0) {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      throw new RotationException("Cannot count sealed values on key " + version, e);
    }
  }

  /**
   * Rewraps up to {@code size} rows that are not on the active version, continuing the current pass
   * over the registered columns where the previous batch stopped.
   *
   * @param size the most rows to examine
   * @return what the batch did
   * @throws RotationException if the database cannot be read or updated
   */
  public synchronized BatchResult rewrapBatch(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("The batch size must be at least 1");
    }
    if (columnIndex == 0 && cursor == null) {
      passColumns = registry.columns();
    }
    Tally tally = new Tally();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      scan(connection, size, tally);
    } catch (SQLException e) {
      throw new RotationException("Cannot rewrap sealed values in " + currentColumn(), e);
    }
    boolean passComplete = columnIndex >= passColumns.size();
    if (passComplete) {
      columnIndex = 0;
      cursor = null;
    }
    return new BatchResult(
        tally.examined, tally.rewrapped, tally.skipped, tally.failed, passComplete);
  }

  /** Examines up to {@code size} pending rows from the current position, moving it along. */
  private void scan(Connection connection, int size, Tally tally) throws SQLException {
    String keep = prefix(cipher.keyRing().activeVersion());
    while (tally.examined < size && columnIndex < passColumns.size()) {
      SealedColumn column = passColumns.get(columnIndex);
      int wanted = size - tally.examined;
      List<RotationSql.Row> rows = sql.selectPending(connection, column, keep, cursor, wanted);
      for (RotationSql.Row row : rows) {
        rewrapRow(connection, column, row, tally);
        cursor = row.id();
      }
      if (rows.size() < wanted) {
        columnIndex++;
        cursor = null;
      }
    }
  }

  /**
   * Rewraps in batches of {@value #DEFAULT_BATCH_SIZE} until a pass finds nothing more it can do.
   *
   * @return the outcome and the final counts
   * @see #run(int)
   */
  public RotationReport run() {
    return run(DEFAULT_BATCH_SIZE);
  }

  /**
   * Rewraps in batches until a pass over every column finds nothing more it can do. It stops early,
   * between batches, when its thread is interrupted (the interrupt stays set); running it again
   * continues.
   *
   * @param batchSize rows per batch
   * @return the outcome and the final counts
   * @throws RotationException if the database cannot be read or updated
   */
  public RotationReport run(int batchSize) {
    Tally total = new Tally();
    int lastPassFailed = 0;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      Tally passTally = new Tally();
      boolean completed = runPass(batchSize, passTally);
      total.add(passTally);
      lastPassFailed = passTally.failed;
      if (!completed) {
        return stoppedByInterrupt(total);
      }
      if (passTally.rewrapped == 0 && passTally.skipped == 0) {
        break;
      }
    }
    RotationProgress progress = progress();
    LOG.log(
        Level.INFO,
        "Key rotation finished: {0} rewrapped, {1} could not be rewrapped; {2}",
        total.rewrapped,
        lastPassFailed,
        progress);
    return new RotationReport(total.rewrapped, total.skipped, lastPassFailed, false, progress);
  }

  /** One pass over every column; false if the thread was interrupted before it completed. */
  private boolean runPass(int batchSize, Tally tally) {
    BatchResult batch;
    do {
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
      try {
        batch = rewrapBatch(batchSize);
      } catch (RotationException e) {
        // an interrupted thread's database call may fail (Derby closes the connection): a stop
        if (Thread.currentThread().isInterrupted()) {
          return false;
        }
        throw e;
      }
      tally.add(batch);
    } while (!batch.passComplete());
    return true;
  }

  private RotationReport stoppedByInterrupt(Tally total) {
    LOG.log(
        Level.INFO,
        "Key rotation interrupted after {0} rows were rewrapped; run it again to continue",
        total.rewrapped);
    // counted with the flag cleared, since a database may refuse an interrupted thread; restored
    Thread.interrupted();
    try {
      return new RotationReport(total.rewrapped, total.skipped, total.failed, true, progress());
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  private void rewrapRow(
      Connection connection, SealedColumn column, RotationSql.Row row, Tally tally)
      throws SQLException {
    tally.examined++;
    String rewrapped;
    try {
      rewrapped = cipher.rewrap(row.value(), column.aad(row.id()));
    } catch (SealedValueException e) {
      tally.failed++;
      LOG.log(Level.WARNING, "Key rotation cannot rewrap a row: {0}", e.getMessage());
      return;
    }
    if (sql.compareAndSet(connection, column, row, rewrapped)) {
      tally.rewrapped++;
    } else {
      tally.skipped++;
    }
  }

  private String currentColumn() {
    return columnIndex < passColumns.size() ? passColumns.get(columnIndex).toString() : "(none)";
  }

  private static String prefix(String version) {
    return "sb1:" + version + ":%";
  }

  /** Running counts of one batch or pass. */
  private static final class Tally {
    int examined;
    int rewrapped;
    int skipped;
    int failed;

    void add(BatchResult batch) {
      examined += batch.examined();
      rewrapped += batch.rewrapped();
      skipped += batch.skipped();
      failed += batch.failed();
    }

    void add(Tally other) {
      examined += other.examined;
      rewrapped += other.rewrapped;
      skipped += other.skipped;
      failed += other.failed;
    }
  }
}
