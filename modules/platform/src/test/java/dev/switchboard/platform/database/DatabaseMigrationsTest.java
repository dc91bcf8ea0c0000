package dev.switchboard.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseMigrationsTest {

  private EmbeddedDataSource dataSource;

  @BeforeEach
  void freshDatabase() {
    dataSource = new EmbeddedDataSource();
    dataSource.setDatabaseName("memory:migrations-" + UUID.randomUUID());
    dataSource.setCreateDatabase("create");
  }

  @Test
  void migratesAnEmptyDatabaseToTheLatestVersion() throws SQLException {
    MigrationReport report = migrations().migrate();

    assertThat(report.kind()).isEqualTo(DatabaseKind.DERBY);
    assertThat(report.applied()).startsWith("1");
    assertThat(report.schemaVersion()).isEqualTo(report.applied().get(report.applied().size() - 1));
    assertThat(report.baselinedTimerSchema()).isFalse();
    assertThat(tableExists("SB_ACCOUNT")).isTrue();
  }

  @Test
  void migratingTwiceAppliesNothingTheSecondTime() {
    MigrationReport first = migrations().migrate();
    MigrationReport second = migrations().migrate();

    assertThat(second.applied()).isEmpty();
    assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
  }

  @Test
  void aBrokenMigrationFailsWithAMessageNamingTheScript() throws SQLException {
    DatabaseMigrations broken =
        new DatabaseMigrations(dataSource, getClass().getClassLoader(), "db/broken");

    assertThatThrownBy(broken::migrate)
        .isInstanceOf(MigrationFailedException.class)
        .hasMessageStartingWith("Database migration failed on Apache Derby")
        .hasMessageContaining("V2__broken.sql");
    assertThat(tableExists("FINE_TABLE")).isTrue();
    assertThat(tableExists("BROKEN_TABLE")).isFalse();
  }

  @Test
  void aSchemaHoldingOnlyLibertyTimerTablesIsBaselinedAndThenMigrated() throws SQLException {
    execute("CREATE TABLE WLPTASK (ID BIGINT NOT NULL PRIMARY KEY)");
    execute("CREATE TABLE WLPPART (ID BIGINT NOT NULL PRIMARY KEY)");

    MigrationReport report = migrations().migrate();

    assertThat(report.baselinedTimerSchema()).isTrue();
    assertThat(report.applied()).startsWith("1");
    assertThat(tableExists("SB_ACCOUNT")).isTrue();
    assertThat(tableExists("WLPTASK")).isTrue();
  }

  @Test
  void aSchemaHoldingAnotherApplicationsTablesIsRefused() throws SQLException {
    execute("CREATE TABLE SOMEONE_ELSES (ID INT NOT NULL PRIMARY KEY)");

    assertThatThrownBy(() -> migrations().migrate())
        .isInstanceOf(MigrationFailedException.class)
        .hasMessageContaining("non-empty schema");
    assertThat(tableExists("SB_ACCOUNT")).isFalse();
  }

  @Test
  void anUnsupportedDatabaseIsNamedInTheError() {
    assertThatThrownBy(() -> DatabaseKind.fromProductName("MySQL"))
        .isInstanceOf(MigrationFailedException.class)
        .hasMessageContaining("'MySQL'");
  }

  private DatabaseMigrations migrations() {
    return new DatabaseMigrations(dataSource, getClass().getClassLoader());
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private boolean tableExists(String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, null)) {
      return rs.next();
    }
  }
}
