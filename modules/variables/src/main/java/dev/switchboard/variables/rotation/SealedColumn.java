package dev.switchboard.variables.rotation;

import dev.switchboard.variables.crypto.Aad;
import java.util.regex.Pattern;

/**
 * A column that holds sealed values, with the table's id column. The names are plain SQL
 * identifiers (letters, digits, underscore; no quoting, no schema), because they are written into
 * SQL, and they form each row's {@link Aad}: they must be exactly the names the owning module
 * passes when it seals. The sealed column must be a character type that supports {@code =}
 * comparison ({@code VARCHAR}, not Derby's {@code CLOB}).
 *
 * @param table the table, for example {@code sb_integration}
 * @param idColumn its primary key column, for example {@code id}
 * @param sealedColumn the column with sealed values, for example {@code api_key}
 */
public record SealedColumn(String table, String idColumn, String sealedColumn) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /**
   * Checks each name is a plain SQL identifier.
   *
   * @param table the table
   * @param idColumn its primary key column
   * @param sealedColumn the column with sealed values
   */
  public SealedColumn {
    requireIdentifier(table, "table");
    requireIdentifier(idColumn, "id column");
    requireIdentifier(sealedColumn, "sealed column");
  }

  /**
   * The location of this column's value in one row, as bound into its sealed value.
   *
   * @param rowId the row's id
   * @return the location
   */
  public Aad aad(Object rowId) {
    return Aad.of(table, rowId, sealedColumn);
  }

  /** Names the column as {@code table.column}. */
  @Override
  public String toString() {
    return table + "." + sealedColumn;
  }

  private static void requireIdentifier(String name, String what) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " of a sealed column must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*)");
    }
  }
}
