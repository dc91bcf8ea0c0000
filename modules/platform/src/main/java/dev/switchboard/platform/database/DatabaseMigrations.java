package dev.switchboard.platform.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations under {@code db/migration}: {@code common} for every database,
 * plus the vendor folder ({@code derby}, {@code postgresql}) where the SQL really differs.
 *
 * <p>Liberty's persistent EJB timers create their {@code WLP*} tables in the same schema before the
 * application starts. A schema that holds only those tables is baselined at version 0 on purpose,
 * so Flyway then applies every migration; a schema with any other foreign table is refused.
 */
public final class DatabaseMigrations {

  /** The history table; one name for every database. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  private static final String TIMER_TABLE_PREFIX = "WLP";

  private final DataSource dataSource;
  private final ClassLoader classLoader;
  private final String locationRoot;

  /**
   * @param dataSource the application's datasource
   * @param classLoader the loader that sees the migration scripts (the application's, inside a
   *     server)
   * @param locationRoot the classpath folder holding {@code common/} and the vendor folders
   */
  public DatabaseMigrations(DataSource dataSource, ClassLoader classLoader, String locationRoot) {
    this.dataSource = dataSource;
    this.classLoader = classLoader;
    this.locationRoot = locationRoot;
  }

  public DatabaseMigrations(DataSource dataSource, ClassLoader classLoader) {
    this(dataSource, classLoader, "db/migration");
  }

  /**
   * Brings the schema up to date.
   *
   * @throws MigrationFailedException saying which migration failed and why
   */
  public MigrationReport migrate() {
    DatabaseKind kind = inspectKind();
    boolean onlyTimerTables = holdsOnlyTimerTables();
    Flyway flyway =
        Flyway.configure(classLoader)
            .dataSource(dataSource)
            .locations(
                "classpath:" + locationRoot + "/common",
                "classpath:" + locationRoot + "/" + kind.vendor())
            .failOnMissingLocations(true)
            .callbackLocations(new String[0])
            .table(HISTORY_TABLE)
            .baselineOnMigrate(onlyTimerTables)
            .baselineVersion("0")
            .baselineDescription("Liberty timer tables present before the first migration")
            .validateMigrationNaming(true)
            .load();
    try {
      MigrateResult result = flyway.migrate();
      List<String> applied = new ArrayList<>();
      result.migrations.forEach(m -> applied.add(m.version));
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion != null ? result.initialSchemaVersion : "none";
      return new MigrationReport(kind, version, applied, onlyTimerTables);
    } catch (FlywayException e) {
      throw new MigrationFailedException(
          "Database migration failed on " + kind.displayName() + ": " + e.getMessage(), e);
    }
  }

  private DatabaseKind inspectKind() {
    try (Connection connection = dataSource.getConnection()) {
      return DatabaseKind.fromProductName(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new MigrationFailedException(
          "Database migration failed: cannot connect to the database (" + e.getMessage() + ")", e);
    }
  }

  /** True when the current schema has tables, none is the history table and all are Liberty's. */
  private boolean holdsOnlyTimerTables() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String schema = connection.getSchema();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      return !tables.isEmpty()
          && tables.stream()
              .map(t -> t.toUpperCase(Locale.ROOT))
              .allMatch(t -> t.startsWith(TIMER_TABLE_PREFIX));
    } catch (SQLException e) {
      throw new MigrationFailedException(
          "Database migration failed: cannot read the schema (" + e.getMessage() + ")", e);
    }
  }
}
