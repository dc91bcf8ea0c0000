package dev.switchboard.variables.rotation;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fresh database for one test, removed on close: an in-memory Derby database, or a new schema in
 * a PostgreSQL database. Connections come from the drivers through {@link DriverManager}, so the
 * tests compile against {@code java.sql} alone.
 */
final class TestDatabase implements AutoCloseable {

  private final String url;
  private final Properties properties;
  private final String schema;
  private final Runnable drop;
  private final DataSource dataSource;

  private TestDatabase(String url, Properties properties, String schema, Runnable drop) {
    this.url = url;
    this.properties = properties;
    this.schema = schema;
    this.drop = drop;
    this.dataSource = new UrlDataSource(url, properties, schema, () -> {});
  }

  /** A new in-memory Derby database. */
  static TestDatabase derby() {
    String url = "jdbc:derby:memory:rotation-" + UUID.randomUUID();
    TestDatabase db =
        new TestDatabase(
            url,
            new Properties(),
            null,
            () -> {
              try {
                DriverManager.getConnection(url + ";drop=true").close();
              } catch (SQLException expected) {
                // Derby reports a successful drop as SQLState 08006
              }
            });
    try {
      DriverManager.getConnection(url + ";create=true").close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create an in-memory Derby database", e);
    }
    return db;
  }

  /**
   * A new schema in the PostgreSQL database named by {@code SWITCHBOARD_DB_URL}, {@code
   * SWITCHBOARD_DB_USER} and {@code SWITCHBOARD_DB_PASSWORD}, dropped with its tables on close.
   */
  static TestDatabase postgresFromEnvironment() {
    String url = System.getenv("SWITCHBOARD_DB_URL");
    Properties properties = new Properties();
    properties.setProperty("user", System.getenv().getOrDefault("SWITCHBOARD_DB_USER", ""));
    properties.setProperty("password", System.getenv().getOrDefault("SWITCHBOARD_DB_PASSWORD", ""));
    String schema = "rotation_" + UUID.randomUUID().toString().replace("-", "");
    Runnable drop =
        () -> {
          try (Connection connection = DriverManager.getConnection(url, properties);
              Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
          } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test schema " + schema, e);
          }
        };
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a test schema in " + url, e);
    }
    return new TestDatabase(url, properties, schema, drop);
  }

  DataSource dataSource() {
    return dataSource;
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  void update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  /** Every row's id and value of a two-column query, in query order. */
  Map<Object, String> rows(String sql) throws SQLException {
    Map<Object, String> rows = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.put(result.getObject(1), result.getString(2));
      }
    }
    return rows;
  }

  /**
   * A data source over this database that sets its caller's interrupt flag when it hands out the
   * {@code n}th connection: a rotation interrupted part-way, at a known point.
   */
  DataSource interruptingAtConnection(int n) {
    AtomicInteger handedOut = new AtomicInteger();
    return new UrlDataSource(
        url,
        properties,
        schema,
        () -> {
          if (handedOut.incrementAndGet() == n) {
            Thread.currentThread().interrupt();
          }
        });
  }

  @Override
  public void close() {
    drop.run();
  }

  /**
   * A plain data source over a JDBC URL, in a schema when one is given, running a hook after each
   * connection it hands out.
   */
  private static final class UrlDataSource implements DataSource {
    private final String url;
    private final Properties properties;
    private final String schema;
    private final Runnable afterConnect;

    UrlDataSource(String url, Properties properties, String schema, Runnable afterConnect) {
      this.url = url;
      this.properties = properties;
      this.schema = schema;
      this.afterConnect = afterConnect;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = DriverManager.getConnection(url, properties);
      if (schema != null) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET search_path TO " + schema);
        }
      }
      afterConnect.run();
      return connection;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
