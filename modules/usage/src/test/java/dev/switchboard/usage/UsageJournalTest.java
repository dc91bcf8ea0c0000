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

  private Path onlySegment() throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
