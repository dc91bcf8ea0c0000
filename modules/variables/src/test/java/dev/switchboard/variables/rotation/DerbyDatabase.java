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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fresh in-memory Derby database for one test, dropped on close. Connections come from the
 * embedded driver through {@link DriverManager}, so the tests compile against {@code java.sql}
 * alone.
 */
final class DerbyDatabase implements AutoCloseable {

  private final String url = "jdbc:derby:memory:rotation-" + UUID.randomUUID();
  private final DataSource dataSource = new UrlDataSource(url + ";create=true", () -> {});

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
        () -> {
          if (handedOut.incrementAndGet() == n) {
            Thread.currentThread().interrupt();
          }
        });
  }

  @Override
  public void close() {
    try {
      DriverManager.getConnection(url + ";drop=true").close();
    } catch (SQLException expected) {
      // Derby reports a successful drop as SQLState 08006
    }
  }

  /** A plain data source over a JDBC URL, running a hook after each connection it hands out. */
  private static final class UrlDataSource implements DataSource {
    private final String url;
    private final Runnable afterConnect;

    UrlDataSource(String url, Runnable afterConnect) {
      this.url = url;
      this.afterConnect = afterConnect;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = DriverManager.getConnection(url);
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
