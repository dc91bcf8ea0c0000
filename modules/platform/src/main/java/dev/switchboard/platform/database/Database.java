package dev.switchboard.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's datasource, found by the JNDI name in configuration (the same name {@code
 * persistence.xml} uses), and what can be asked of it without JPA.
 */
@ApplicationScoped
public class Database {

  private static final String CURRENT_VERSION_SQL =
      "SELECT \"version\" FROM \""
          + DatabaseMigrations.HISTORY_TABLE
          + "\" WHERE \"success\" = ? AND \"version\" IS NOT NULL"
          + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY";

  private final String jndiName;
  private volatile DataSource dataSource;
  private volatile DatabaseKind kind;

  @Inject
  public Database(
      @ConfigProperty(name = "switchboard.db.jndi-name", defaultValue = "jdbc/switchboard")
          String jndiName) {
    this.jndiName = jndiName;
  }

  /** For CDI proxies only. */
  protected Database() {
    this.jndiName = null;
  }

  public DataSource dataSource() {
    DataSource ds = dataSource;
    if (ds == null) {
      try {
        ds = (DataSource) new InitialContext().lookup(jndiName);
      } catch (NamingException e) {
        throw new IllegalStateException("No datasource bound at " + jndiName, e);
      }
      dataSource = ds;
    }
    return ds;
  }

  /** The kind of database, read once from the driver's metadata. */
  public DatabaseKind kind() {
    DatabaseKind k = kind;
    if (k == null) {
      try (Connection c = dataSource().getConnection()) {
        k = DatabaseKind.fromProductName(c.getMetaData().getDatabaseProductName());
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
      }
      kind = k;
    }
    return k;
  }

  /** The latest successfully applied migration version, read from the history table. */
  public Optional<String> schemaVersion() throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(CURRENT_VERSION_SQL)) {
      ps.setBoolean(1, true);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Whether a connection can be had and answers within the timeout. */
  public boolean isReachable(int timeoutSeconds) {
    try (Connection c = dataSource().getConnection()) {
      return c.isValid(timeoutSeconds);
    } catch (SQLException e) {
      return false;
    }
  }
}
