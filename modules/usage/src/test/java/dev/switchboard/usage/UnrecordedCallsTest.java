package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 9: when the journal cannot take a record, the engine says so (counted, {@code
 * canRecord} false for health) and, when the server is set to, refuses calls before they are sent.
 */
class UnrecordedCallsTest {

  @TempDir Path tmp;

  @Test
  void aJournalThatCannotWriteIsCountedAndRefusesCallsOnlyWhenSetTo() throws Exception {
    Path dir = tmp.resolve("journal");
    UsageEngine engine =
        new UsageEngine(
            Calls.settings(dir, "a", 25),
            TestDatabases.migratedDerby(),
            DatabaseKind.DERBY,
            Clock.systemUTC(),
            id -> id,
            ModelCatalog.builtIn());
    engine.journal().probeEvery(Duration.ZERO);
    assertThat(engine.record(Calls.call("int-1", 10, Instant.now()))).isTrue();
    engine.drain(); // the segment is written to the database and the next record opens a new one
    engine.admitRecording(true);

    // the journal's directory replaced by a file
    Files.delete(dir);
    Files.writeString(dir, "not a directory");

    assertThat(engine.record(Calls.call("int-1", 10, Instant.now()))).isFalse();
    assertThat(engine.journalFailures()).isEqualTo(1);
    assertThat(engine.canRecord()).isFalse();
    engine.admitRecording(false); // the default: calls go on, the health check reports it
    assertThatThrownBy(() -> engine.admitRecording(true))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
              assertThat(e.providerCode()).hasValue("usage_unrecorded");
            });

    Files.delete(dir);
    Files.createDirectories(dir);
    assertThat(engine.canRecord()).isTrue();
    engine.admitRecording(true);
    assertThat(engine.record(Calls.call("int-1", 10, Instant.now()))).isTrue();
    engine.close();
  }
}
