package dev.switchboard.variables.rotation;

import dev.switchboard.variables.crypto.MasterKeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of key rotation, portable between Derby and PostgreSQL: {@code LIKE} prefixes instead of
 * string functions, {@code setMaxRows} instead of {@code LIMIT}, keyset paging by id. Table and
 * column names come only from {@link SealedColumn}, which admits plain identifiers only.
 */
final class RotationSql {

  static final String ANY_SEALED = "sb1:%";

  /** A row's id and its sealed value as read. */
  record Row(Object id, String value) {}

  long countLike(Connection connection, SealedColumn column, String pattern) throws SQLException {
    String query =
        "SELECT COUNT(*) FROM " + column.table() + " WHERE " + column.sealedColumn() + " LIKE ?";
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, pattern);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /**
   * The key version of every sealed value in a column, read from the fixed place before the second
   * colon ({@code sb1:v2:...}); {@code (malformed)} where it is not a version id. Only the version
   * leaves this method.
   */
  List<String> versionsOf(Connection connection, SealedColumn column) throws SQLException {
    String query =
        "SELECT "
            + column.sealedColumn()
            + " FROM "
            + column.table()
            + " WHERE "
            + column.sealedColumn()
            + " LIKE ?";
    List<String> versions = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, ANY_SEALED);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String value = result.getString(1);
          int end = value.indexOf(':', 4);
          String version = end < 0 ? "" : value.substring(4, end);
          versions.add(MasterKeyRing.isVersionId(version) ? version : "(malformed)");
        }
      }
    }
    return versions;
  }

  /** Rows after {@code cursor} (all when null) that are sealed but not on the kept version. */
  List<Row> selectPending(
      Connection connection, SealedColumn column, String keepPattern, Object cursor, int limit)
      throws SQLException {
    String query = pendingQuery(column, cursor != null);
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setMaxRows(limit);
      statement.setString(1, ANY_SEALED);
      statement.setString(2, keepPattern);
      if (cursor != null) {
        statement.setObject(3, cursor);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next() && rows.size() < limit) {
          rows.add(new Row(result.getObject(1), result.getString(2)));
        }
      }
      return rows;
    }
  }

  private static String pendingQuery(SealedColumn column, boolean afterCursor) {
    String id = column.idColumn();
    String value = column.sealedColumn();
    return "SELECT "
        + id
        + ", "
        + value
        + " FROM "
        + column.table()
        + " WHERE "
        + value
        + " LIKE ? AND "
        + value
        + " NOT LIKE ?"
        + (afterCursor ? " AND " + id + " > ?" : "")
        + " ORDER BY "
        + id;
  }

  /** Replaces the value only if the row still holds what was read; true if it did. */
  boolean compareAndSet(Connection connection, SealedColumn column, Row row, String replacement)
      throws SQLException {
    String value = column.sealedColumn();
    String update =
        "UPDATE "
            + column.table()
            + " SET "
            + value
            + " = ? WHERE "
            + column.idColumn()
            + " = ? AND "
            + value
            + " = ?";
    try (PreparedStatement statement = connection.prepareStatement(update)) {
      statement.setString(1, replacement);
      statement.setObject(2, row.id());
      statement.setString(3, row.value());
      return statement.executeUpdate() == 1;
    }
  }
}
