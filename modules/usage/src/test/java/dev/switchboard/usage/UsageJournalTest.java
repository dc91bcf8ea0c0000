package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.router.CallRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's promise without a wait for the disk: written on the calling thread. */
class UsageJournalTest {

  @TempDir Path tmp;

  @Test
  void anAppendedRecordIsInTheFileWhenAppendReturnsWithNoFlusherRunning() throws Exception {
    // no forcer thread started: nothing but the caller's own write can put the record there
    UsageJournal journal = new UsageJournal(tmp, true);
    CallRecord r = Calls.call("int-1", 10, Instant.now());

    assertThat(journal.append(r)).isTrue();

    // what another process (the restarted server) reads from the file, with this one never closed
    Path open = onlySegment();
    assertThat(open.getFileName().toString()).endsWith(".open");
    assertThat(UsageJournal.read(open))
        .extracting(CallRecord::requestId)
        .containsExactly(r.requestId());
  }

  @Test
  void concurrentAppendsAreWholeLinesInTheFile() throws Exception {
    UsageJournal journal = new UsageJournal(tmp, true);
    journal.start(Thread::new, Duration.ofMillis(5));
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 200; i++) {
                  CallRecord r = Calls.call("int-" + i, 10, Instant.now());
                  assertThat(journal.append(r)).isTrue();
                  ids.add(r.requestId());
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }

    assertThat(UsageJournal.read(onlySegment()))
        .extracting(CallRecord::requestId)
        .containsExactlyInAnyOrderElementsOf(ids)
        .hasSize(1600);
    journal.close();
  }

  @Test
  void anAppendAfterCloseIsRefusedAndCounted() throws Exception {
    UsageJournal journal = new UsageJournal(tmp, true);
    journal.close();

    assertThat(journal.append(Calls.call("int-1", 10, Instant.now()))).isFalse();
    assertThat(journal.failures()).isEqualTo(1);
  }

  @Test
  void aDamagedRecordIsDetectedAndTheSoundOnesAfterItAreStillRead() throws Exception {
    UsageJournal journal = new UsageJournal(tmp, true);
    List<CallRecord> written = appendThree(journal);
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    // a bit flipped inside the second record, after its request id: a token count changes
    int at = indexOf(bytes, written.get(1).requestId()) + written.get(1).requestId().length() + 3;
    bytes[at] = (byte) (bytes[at] == '7' ? '8' : '7');
    Files.write(segment, bytes);
    long corruptBefore = UsageJournal.corruptRecords();

    List<CallRecord> read = UsageJournal.read(segment);

    assertThat(read)
        .extracting(CallRecord::requestId)
        .containsExactly(written.get(0).requestId(), written.get(2).requestId());
    assertThat(UsageJournal.corruptRecords() - corruptBefore).isEqualTo(1);
    assertThat(
            segment.resolveSibling(segment.getFileName().toString().replace(".open", ".corrupt")))
        .as("the damaged segment is kept for an operator")
        .exists();
  }

  @Test
  void aRecordCutShortInsideTheSegmentDoesNotSwallowTheRecordsAfterIt() throws Exception {
    UsageJournal journal = new UsageJournal(tmp, true);
    List<CallRecord> written = appendThree(journal);
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    // the second record's write was cut after half its bytes, and the third appended after it
    int second = indexOf(bytes, written.get(1).requestId());
    int third = indexOf(bytes, written.get(2).requestId());
    int secondStart = lastFrameStartBefore(bytes, second);
    int thirdStart = lastFrameStartBefore(bytes, third);
    byte[] torn = new byte[bytes.length - (thirdStart - secondStart) / 2];
    int cut = secondStart + (thirdStart - secondStart) / 2;
    System.arraycopy(bytes, 0, torn, 0, cut);
    System.arraycopy(bytes, thirdStart, torn, cut, bytes.length - thirdStart);
    Files.write(segment, torn);

    assertThat(UsageJournal.read(segment))
        .extracting(CallRecord::requestId)
        .containsExactly(written.get(0).requestId(), written.get(2).requestId());
  }

  @Test
  void aTornLastRecordIsDroppedAndNotCountedAsDamage() throws Exception {
    UsageJournal journal = new UsageJournal(tmp, true);
    List<CallRecord> written = appendThree(journal);
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    long corruptBefore = UsageJournal.corruptRecords();

    assertThat(UsageJournal.read(segment))
        .extracting(CallRecord::requestId)
        .containsExactly(written.get(0).requestId(), written.get(1).requestId());
    assertThat(UsageJournal.corruptRecords()).isEqualTo(corruptBefore);
  }

  @Test
  void aSegmentWrittenBeforeFramingIsStillRead() throws Exception {
    List<CallRecord> old =
        List.of(Calls.call("int-1", 10, Instant.now()), Calls.call("int-2", 20, Instant.now()));
    StringBuilder unframed = new StringBuilder();
    old.forEach(r -> unframed.append(JournalCodec.encode(r)));
    Path segment = tmp.resolve("seg-0000000000000000001.ready");
    Files.writeString(segment, unframed + "1\treq_torn\t12");

    assertThat(UsageJournal.read(segment))
        .extracting(CallRecord::requestId)
        .containsExactly(old.get(0).requestId(), old.get(1).requestId());
  }

  @Test
  void aJournalWhoseDirectoryIsGoneCannotRecordUntilItIsBack() throws Exception {
    Path dir = tmp.resolve("journal");
    UsageJournal journal = new UsageJournal(dir, true);
    journal.probeEvery(Duration.ZERO);
    assertThat(journal.append(Calls.call("int-1", 10, Instant.now()))).isTrue();
    journal.rotate();
    // the directory replaced by a file: no new segment can be opened
    Path ready = journal.readySegments().get(0);
    Path saved = tmp.resolve("saved.ready");
    Files.move(ready, saved);
    Files.delete(dir);
    Files.writeString(dir, "not a directory");

    assertThat(journal.append(Calls.call("int-1", 10, Instant.now()))).isFalse();
    assertThat(journal.canRecord()).isFalse();
    assertThat(journal.failures()).isEqualTo(1);

    Files.delete(dir);
    Files.createDirectories(dir);
    assertThat(journal.canRecord()).isTrue();
    assertThat(journal.append(Calls.call("int-1", 10, Instant.now()))).isTrue();
    journal.close();
  }

  private static List<CallRecord> appendThree(UsageJournal journal) {
    List<CallRecord> written = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CallRecord r = Calls.call("int-" + i, 1000 + i, Instant.now());
      assertThat(journal.append(r)).isTrue();
      written.add(r);
    }
    return written;
  }

  private static int indexOf(byte[] bytes, String text) {
    byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(text + " not in the segment");
  }

  /** Where the record holding {@code at} starts: after the previous newline. */
  private static int lastFrameStartBefore(byte[] bytes, int at) {
    for (int i = at; i > 0; i--) {
      if (bytes[i - 1] == '\n') {
        return i;
      }
    }
    return 0;
  }

  private Path onlySegment() throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
