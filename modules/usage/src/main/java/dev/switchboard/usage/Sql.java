package dev.switchboard.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * JDBC helpers shared by the usage classes. Timestamps are stored as UTC wall-clock time in {@code
 * TIMESTAMP} columns, as the JPA entities of the other modules store them.
 */
final class Sql {

  private Sql() {}

  static Timestamp ts(Instant instant) {
    return instant == null
        ? null
        : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  /** Whether the exception (or one chained to it) is a unique or primary key violation. */
  static boolean duplicateKey(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if ("23505".equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the original failure is what matters
    }
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Runs work in one local transaction on a fresh connection, committing at the end. */
  static <T> T inTransaction(javax.sql.DataSource ds, SqlWork<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        try {
          c.setAutoCommit(auto);
        } catch (SQLException ignored) {
          // returned to the pool either way
        }
      }
    }
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
