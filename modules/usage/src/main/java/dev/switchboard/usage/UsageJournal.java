package dev.switchboard.usage;

import dev.switchboard.core.router.CallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/**
 * The ledger's local, append-only journal: a call's record is on disk (forced) before the router
 * returns the reply, so a killed server loses no entry for a call it answered. Appends are group
 * committed: callers queue their line and wait; one flusher thread writes everything queued and
 * forces the file once for all of them, which keeps thousands of calls per second cheap.
 *
 * <p>The journal is a series of segments: the open one ({@code .open}) receives appends; {@link
 * #rotate} closes it as {@code .ready}, which the ledger writer copies into the database and then
 * deletes. At start, a left-over {@code .open} segment (a crash) becomes ready too.
 */
final class UsageJournal implements AutoCloseable {

  private static final Logger LOG = System.getLogger(UsageJournal.class.getName());
  private static final String OPEN = ".open";
  private static final String READY = ".ready";

  private final Path dir;
  private final boolean force;
  private final Object queue = new Object();
  private final Object io = new Object();
  private List<byte[]> pending = new ArrayList<>();
  private long enqueued;
  private long flushed;
  private boolean closed;
  private Thread flusher;

  private FileChannel channel;
  private Path current;
  private long nextSegment;
  private long linesInCurrent;

  /**
   * @param force whether each group commit forces the file to the device (the durability promise;
   *     off only for tests of throughput without a disk in the way)
   */
  UsageJournal(Path dir, boolean force) {
    this.dir = dir;
    this.force = force;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(OPEN)).toList()) {
          Files.move(p, sibling(p, READY), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      nextSegment = readySegments().stream().mapToLong(UsageJournal::number).max().orElse(0) + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the usage journal at " + dir, e);
    }
  }

  /** Starts the flusher thread (a managed thread factory in the server). */
  void start(ThreadFactory threads) {
    flusher = threads.newThread(this::flushLoop);
    flusher.setName("switchboard-usage-journal");
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Queues one record and waits until it is on disk, at most {@code maxWait}.
   *
   * @return whether the record is durable now; if not, it stays queued and is written later
   */
  boolean append(CallRecord record, Duration maxWait) {
    byte[] line = JournalCodec.encode(record).getBytes(StandardCharsets.UTF_8);
    synchronized (queue) {
      if (closed) {
        throw new IllegalStateException("the usage journal is closed");
      }
      pending.add(line);
      long mine = ++enqueued;
      queue.notifyAll();
      long deadline = System.nanoTime() + maxWait.toNanos();
      while (flushed < mine) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          queue.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void flushLoop() {
    while (true) {
      List<byte[]> batch;
      long upTo;
      synchronized (queue) {
        while (pending.isEmpty() && !closed) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
        upTo = enqueued;
      }
      while (true) {
        try {
          write(batch);
          break;
        } catch (IOException e) {
          LOG.log(Level.ERROR, "Usage journal write failed; retrying: " + e.getMessage());
          sleep(200);
        }
      }
      synchronized (queue) {
        flushed = upTo;
        queue.notifyAll();
      }
    }
  }

  /** Writes and forces lines now (the flusher's work; also used when no flusher runs). */
  void write(List<byte[]> lines) throws IOException {
    int size = 0;
    for (byte[] l : lines) {
      size += l.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    lines.forEach(buf::put);
    buf.flip();
    synchronized (io) {
      if (channel == null) {
        current = dir.resolve(String.format("seg-%019d%s", nextSegment++, OPEN));
        channel =
            FileChannel.open(
                current,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        linesInCurrent = 0;
      }
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      if (force) {
        channel.force(false);
      }
      linesInCurrent += lines.size();
    }
  }

  /** Closes the open segment, if it holds anything, so that it is ready for the database. */
  void rotate() throws IOException {
    synchronized (io) {
      if (channel == null || linesInCurrent == 0) {
        return;
      }
      channel.force(false);
      channel.close();
      channel = null;
      Files.move(current, sibling(current, READY), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The closed segments, oldest first. */
  List<Path> readySegments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(READY)).sorted().toList();
    }
  }

  /**
   * The records of a segment. A last line without its newline (torn by a crash before it was
   * forced, so never acknowledged) is skipped; so is any line that does not decode, with a log.
   */
  static List<CallRecord> read(Path segment) throws IOException {
    String text = Files.readString(segment, StandardCharsets.UTF_8);
    List<CallRecord> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        LOG.log(Level.WARNING, "Skipping a torn last line in " + segment.getFileName());
        break;
      }
      String line = text.substring(start, nl);
      try {
        out.add(JournalCodec.decode(line));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Skipping an unreadable line in " + segment.getFileName());
      }
      start = nl + 1;
    }
    return out;
  }

  static void delete(Path segment) throws IOException {
    Files.deleteIfExists(segment);
  }

  /** Records queued but not yet on disk (for tests and the status page). */
  long queued() {
    synchronized (queue) {
      return enqueued - flushed;
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (queue) {
      closed = true;
      queue.notifyAll();
    }
    if (flusher != null) {
      try {
        flusher.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (io) {
      if (channel != null) {
        channel.force(false);
        channel.close();
        channel = null;
      }
    }
  }

  private static Path sibling(Path p, String suffix) {
    String name = p.getFileName().toString();
    return p.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
  }

  private static long number(Path p) {
    String name = p.getFileName().toString();
    return Long.parseLong(name.substring(4, name.lastIndexOf('.')));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
