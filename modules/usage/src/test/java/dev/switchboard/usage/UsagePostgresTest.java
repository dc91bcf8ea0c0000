package dev.switchboard.usage;

import dev.switchboard.platform.database.DatabaseKind;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The usage scenarios on PostgreSQL, each in a database of its own (CI's PostgreSQL step). */
class UsagePostgresTest extends UsageScenarios {

  private PGSimpleDataSource ds;

  @BeforeEach
  void database() throws Exception {
    ds = TestDatabases.migratedPostgres();
  }

  @AfterEach
  void drop() throws Exception {
    for (UsageEngine e : engines) {
      e.close();
    }
    engines.clear();
    TestDatabases.dropPostgres(ds);
  }

  @Override
  DataSource dataSource() {
    return ds;
  }

  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRESQL;
  }
}
