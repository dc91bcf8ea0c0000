package dev.switchboard.usage;

import dev.switchboard.core.router.CallRecord;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Copies the journal into the database, off the request path: every {@code interval} it closes the
 * open segment and writes each ready segment in batches, deleting a segment only once all of it is
 * committed. While the database is down, segments simply wait (nothing is lost, and the idempotent
 * store counts nothing twice when a half-written segment is written again).
 */
final class LedgerWriter {

  private static final Logger LOG = System.getLogger(LedgerWriter.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final UsageJournal journal;
  private final LedgerStore store;
  private final Consumer<List<CallRecord>> afterWrite;
  private volatile boolean running;
  private Thread thread;

  LedgerWriter(UsageJournal journal, LedgerStore store, Consumer<List<CallRecord>> afterWrite) {
    this.journal = journal;
    this.store = store;
    this.afterWrite = afterWrite;
  }

  /**
   * Closes the open segment and writes every ready one.
   *
   * @return the number of records handed to the database (new or already there)
   */
  synchronized int drain() throws IOException, SQLException {
    journal.rotate();
    int n = 0;
    for (Path segment : journal.readySegments()) {
      List<CallRecord> records = UsageJournal.read(segment);
      store.write(records);
      UsageJournal.delete(segment);
      n += records.size();
      afterWrite.accept(records);
    }
    return n;
  }

  void start(ThreadFactory threads, Duration interval) {
    running = true;
    thread = threads.newThread(() -> loop(interval));
    thread.setName("switchboard-usage-ledger");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(Duration interval) {
    Duration backoff = interval;
    boolean failing = false;
    while (running) {
      try {
        drain();
        if (failing) {
          LOG.log(Level.INFO, "Usage ledger writes resumed");
        }
        failing = false;
        backoff = interval;
      } catch (IOException | SQLException | RuntimeException e) {
        if (!failing) {
          LOG.log(
              Level.WARNING,
              "Usage ledger cannot write to the database; entries wait in the journal: "
                  + e.getMessage());
        }
        failing = true;
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      }
      try {
        Thread.sleep(failing ? backoff.toMillis() : interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the loop and makes a last attempt to write what the journal holds. */
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      drain();
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Usage entries stay in the journal until the next start: " + e.getMessage());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}
