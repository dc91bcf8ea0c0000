package dev.switchboard.usage;

import dev.switchboard.platform.database.DatabaseMigrations;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Real, migrated databases for the tests: embedded Derby, or a fresh PostgreSQL database. */
final class TestDatabases {

  private TestDatabases() {}

  static DataSource migratedDerby() {
    EmbeddedDataSource ds = new EmbeddedDataSource();
    ds.setDatabaseName("memory:usage-" + UUID.randomUUID());
    ds.setCreateDatabase("create");
    migrate(ds);
    return ds;
  }

  /**
   * A new database {@code sb_usage_<random>} on the server of {@code SWITCHBOARD_DB_URL} (the CI's
   * PostgreSQL variant), migrated. {@link #dropPostgres} removes it.
   */
  static PGSimpleDataSource migratedPostgres() throws SQLException {
    String url = System.getenv("SWITCHBOARD_DB_URL");
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("SWITCHBOARD_DB_URL must name a PostgreSQL database");
    }
    URI uri = URI.create(url.substring("jdbc:".length()));
    String name = "sb_usage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = admin(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {uri.getHost()});
    ds.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
    ds.setDatabaseName(name);
    ds.setUser(System.getenv("SWITCHBOARD_DB_USER"));
    ds.setPassword(System.getenv("SWITCHBOARD_DB_PASSWORD"));
    migrate(ds);
    return ds;
  }

  static void dropPostgres(PGSimpleDataSource ds) throws SQLException {
    try (Connection c = admin(System.getenv("SWITCHBOARD_DB_URL"));
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + ds.getDatabaseName() + " WITH (FORCE)");
    }
  }

  private static Connection admin(String url) throws SQLException {
    return DriverManager.getConnection(
        url, System.getenv("SWITCHBOARD_DB_USER"), System.getenv("SWITCHBOARD_DB_PASSWORD"));
  }

  static void migrate(DataSource ds) {
    new DatabaseMigrations(ds, TestDatabases.class.getClassLoader()).migrate();
  }
}
