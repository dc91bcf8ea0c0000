package dev.switchboard.usage;

import dev.switchboard.platform.database.DatabaseKind;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The usage scenarios on embedded Derby. */
class UsageDerbyTest extends UsageScenarios {

  private DataSource ds;

  @BeforeEach
  void database() {
    ds = TestDatabases.migratedDerby();
  }

  @Override
  DataSource dataSource() {
    return ds;
  }

  @Override
  DatabaseKind kind() {
    return DatabaseKind.DERBY;
  }
}
