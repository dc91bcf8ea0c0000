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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The ledger's local, append-only journal. A call's record is written to the open segment on the
 * calling thread ({@code write(2)}: once it returns, the record is in the kernel's page cache and
 * survives the death of this process, {@code kill -9} included) and the call is answered; a forcer
 * thread calls {@code fsync} on its own interval ({@code switchboard.usage.journal-fsync-ms},
 * default 100 ms), which bounds what a crash of the <em>host</em> may lose. No call waits for the
 * disk.
 *
 * <p>The journal is a series of segments: the open one ({@code .open}) receives appends; {@link
 * #rotate} closes it as {@code .ready}, which the ledger writer copies into the database and then
 * deletes. At start, a left-over {@code .open} segment (a crash) becomes ready too. A write that
 * fails part-way is cut back to the last whole record. Each record is framed with its length and
 * CRC-32 ({@link JournalFrames}): a torn tail or a damaged record is detected and counted, the
 * damaged segment kept aside as {@code .corrupt}, and every sound record after it is still read.
 *
 * <p>Nothing queues in memory: a record is in the file when {@link #append} returns true, or it is
 * not in the journal and {@link #append} says so (the caller counts it, health reports it). No
 * write is retried; after a failure the next append, or {@link #canRecord}, opens a fresh segment.
 */
final class UsageJournal implements AutoCloseable {

  private static final Logger LOG = System.getLogger(UsageJournal.class.getName());
  private static final String OPEN = ".open";
  private static final String READY = ".ready";

  private final Path dir;
  private final boolean force;
  private final Object io = new Object();
  private volatile boolean closed;
  private boolean dirty;
  private Thread forcer;
  private final AtomicLong failures = new AtomicLong();
  private static final AtomicLong CORRUPT = new AtomicLong();
  private volatile boolean failing;
  private volatile long lastProbeNanos;
  private volatile long probeEveryNanos = 1_000_000_000L;

  private FileChannel channel;
  private Path current;
  private long nextSegment;
  private long linesInCurrent;
  private long goodSize;

  /**
   * @param force whether the forcer thread calls {@code fsync} (the host-crash window; off only for
   *     tests of throughput without a disk in the way)
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

  /**
   * Starts the forcer thread (a managed thread factory in the server), which forces what was
   * written every {@code interval}.
   */
  void start(ThreadFactory threads, Duration interval) {
    if (!force) {
      return;
    }
    long millis = Math.max(1, interval.toMillis());
    forcer =
        threads.newThread(
            () -> {
              while (forceOnce()) {
                sleep(millis);
              }
            });
    forcer.setName("switchboard-usage-journal-fsync");
    forcer.setDaemon(true);
    forcer.start();
  }

  /**
   * Writes one record to the open segment on the calling thread.
   *
   * @return true when the record is in the file (it survives this process's death); false when the
   *     write failed (counted in {@link #failures()}), the record is then not in the journal
   */
  boolean append(CallRecord record) {
    String line = JournalCodec.encode(record);
    byte[] payload = line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8);
    try {
      write(List.of(JournalFrames.frame(payload)));
      failing = false;
      return true;
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      failing = true;
      LOG.log(Level.ERROR, "Usage journal write failed: " + e.getMessage());
      return false;
    }
  }

  /** Appends that failed since start. */
  long failures() {
    return failures.get();
  }

  /** Damaged records found by {@link #read} in this JVM (each logged; the segment kept aside). */
  static long corruptRecords() {
    return CORRUPT.get();
  }

  /**
   * Whether a record appended now would reach the file: true unless the last append failed and a
   * fresh segment cannot be opened (tried at most once a second), or the journal is closed.
   */
  boolean canRecord() {
    if (!failing) {
      return !closed;
    }
    long now = System.nanoTime();
    if (now - lastProbeNanos < probeEveryNanos) {
      return false;
    }
    lastProbeNanos = now;
    synchronized (io) {
      if (closed) {
        return false;
      }
      try {
        if (channel != null) {
          channel.close(); // the segment as it is: whole records, cut back after the failure
          channel = null;
        }
        openSegment();
        failing = false;
        LOG.log(Level.INFO, "Usage journal writable again at " + dir);
        return true;
      } catch (IOException | RuntimeException e) {
        channel = null;
        return false;
      }
    }
  }

  /** How often {@link #canRecord} may try to open a fresh segment after a failure. */
  void probeEvery(Duration interval) {
    probeEveryNanos = interval.toNanos();
  }

  /** Forces what was written since the last force; false once the journal is closed. */
  private boolean forceOnce() {
    synchronized (io) {
      if (closed) {
        return false;
      }
      if (dirty && channel != null) {
        try {
          channel.force(false);
          dirty = false;
        } catch (IOException e) {
          LOG.log(Level.ERROR, "Usage journal fsync failed; retrying: " + e.getMessage());
        }
      }
      return true;
    }
  }

  /** Writes whole lines to the open segment, opening one if needed; cut back on a failure. */
  void write(List<byte[]> lines) throws IOException {
    int size = 0;
    for (byte[] l : lines) {
      size += l.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    lines.forEach(buf::put);
    buf.flip();
    synchronized (io) {
      if (closed) {
        throw new IllegalStateException("the usage journal is closed");
      }
      if (channel == null) {
        openSegment();
      }
      try {
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      } catch (IOException e) {
        cutBack();
        throw e;
      }
      goodSize += size;
      linesInCurrent += lines.size();
      dirty = true;
    }
  }

  /** Opens the next segment; one left behind by a failure, holding records, becomes ready. */
  private void openSegment() throws IOException {
    if (current != null && linesInCurrent > 0 && Files.exists(current)) {
      try {
        Files.move(current, sibling(current, READY), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Segment " + current.getFileName() + " stays open until restart");
      }
      linesInCurrent = 0;
    }
    Path next = dir.resolve(String.format("seg-%019d%s", nextSegment++, OPEN));
    channel =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    current = next;
    linesInCurrent = 0;
    goodSize = 0;
  }

  /** After a failed write: the segment back to its last whole record, or closed if that fails. */
  private void cutBack() {
    try {
      channel.truncate(goodSize);
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the segment is left as it is; the reader skips a torn last line
      }
      channel = null;
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
   * The records of a segment, framed or (written before framing) one a line. A torn last record
   * (cut by a crash before its write returned, so never acknowledged) is dropped with a warning; a
   * damaged one is counted and logged, the segment is copied aside as {@code .corrupt} for an
   * operator, and reading goes on with the next record.
   */
  static List<CallRecord> read(Path segment) throws IOException {
    JournalFrames.Contents contents = JournalFrames.split(Files.readAllBytes(segment));
    List<CallRecord> out = new ArrayList<>();
    int corrupt = contents.corrupt();
    for (byte[] payload : contents.records()) {
      try {
        out.add(JournalCodec.decode(new String(payload, StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        corrupt++;
      }
    }
    if (contents.tornTail()) {
      LOG.log(Level.WARNING, "Dropping a torn last record in " + segment.getFileName());
    }
    if (corrupt > 0) {
      CORRUPT.addAndGet(corrupt);
      Path aside = sibling(segment, ".corrupt");
      Files.copy(segment, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.log(
          Level.ERROR,
          corrupt
              + " damaged usage record(s) in "
              + segment.getFileName()
              + "; "
              + out.size()
              + " sound ones read; the segment is kept as "
              + aside.getFileName());
    }
    return out;
  }

  static void delete(Path segment) throws IOException {
    Files.deleteIfExists(segment);
  }

  @Override
  public void close() throws IOException {
    synchronized (io) {
      closed = true;
      if (channel != null) {
        channel.force(false);
        channel.close();
        channel = null;
      }
    }
    if (forcer != null) {
      forcer.interrupt();
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
