package dev.switchboard.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.database.DatabaseMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configuration version on a real, migrated Derby database. */
class ConfigVersionTest {

  private EmbeddedDataSource db;
  private final ConfigVersion server = new ConfigVersion();

  @BeforeEach
  void migrated() {
    db = new EmbeddedDataSource();
    db.setDatabaseName("memory:config-" + UUID.randomUUID());
    db.setCreateDatabase("create");
    new DatabaseMigrations(db, getClass().getClassLoader()).migrate();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aChangeCommittedByAnotherServerIsSeenWithinThePollIntervalAndRebuildsOffTheCallersThread()
      throws Exception {
    CopyOnWriteArrayList<String> rebuiltOn = new CopyOnWriteArrayList<>();
    server.onChange(() -> rebuiltOn.add(Thread.currentThread().getName()));
    server.start(db, Thread::new, Duration.ofMillis(50));
    long seen = server.seen();
    long epoch = ConfigVersion.epoch();
    assertThat(seen).isEqualTo(1);
    assertThat(rebuiltOn).as("the first read is no change").isEmpty();

    // another server's change: the version row bumped and committed on its own connection
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(ConfigVersion.BUMP_SQL);
    }

    awaitTrue(() -> server.seen() == seen + 1, Duration.ofSeconds(1));
    awaitTrue(() -> !rebuiltOn.isEmpty(), Duration.ofSeconds(1));
    assertThat(ConfigVersion.epoch()).isGreaterThan(epoch);
    assertThat(rebuiltOn).containsOnly("switchboard-config-version");
  }

  @Test
  void aLocalChangeBumpsTheDatabasesNumberAndMovesTheEpochAtOnce() throws Exception {
    server.start(db, Thread::new, Duration.ofSeconds(60));
    long epoch = ConfigVersion.epoch();

    ConfigVersion.changed();

    assertThat(ConfigVersion.epoch()).as("no wait for the poller").isGreaterThan(epoch);
    assertThat(databaseVersion()).isEqualTo(2);
  }

  @Test
  void anUnreadableDatabaseKeepsTheLastVersionAndTheEpoch() throws Exception {
    server.start(db, Thread::new, Duration.ofSeconds(60));
    long epoch = ConfigVersion.epoch();
    EmbeddedDataSource gone = new EmbeddedDataSource();
    gone.setDatabaseName("memory:missing-" + UUID.randomUUID());

    assertThat(server.pollOnce(gone)).isFalse();
    assertThat(server.seen()).isEqualTo(1);
    assertThat(ConfigVersion.epoch()).isEqualTo(epoch);
  }

  @Test
  void withoutAServerOnlyTheEpochMoves() {
    long epoch = ConfigVersion.epoch();
    ConfigVersion.changed();
    assertThat(ConfigVersion.epoch()).isEqualTo(epoch + 1);
  }

  private long databaseVersion() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(ConfigVersion.READ_SQL)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + within).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
