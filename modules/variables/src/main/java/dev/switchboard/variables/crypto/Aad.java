package dev.switchboard.variables.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a sealed value lives: the table, the row id and the column. It is bound into both
 * encryptions of a sealed value as additional authenticated data, so a sealed value moved to
 * another row or column fails the tag check. Use the names exactly as the owning module writes
 * them; they are not secret and appear in error messages.
 *
 * @param table the table name, for example {@code sb_integration}
 * @param rowId the row's id as text, for example {@code 42}
 * @param column the column name, for example {@code api_key}
 */
public record Aad(String table, String rowId, String column) {

  /**
   * Checks that every part is present and non-empty.
   *
   * @param table the table name
   * @param rowId the row's id as text
   * @param column the column name
   */
  public Aad {
    requirePart(table, "table");
    requirePart(rowId, "row id");
    requirePart(column, "column");
  }

  /**
   * The location of a sealed value.
   *
   * @param table the table name
   * @param rowId the row's id as text
   * @param column the column name
   * @return the location
   */
  public static Aad of(String table, String rowId, String column) {
    return new Aad(table, rowId, column);
  }

  /**
   * The location of a sealed value whose row id is a number or any other object.
   *
   * @param table the table name
   * @param rowId the row's id; its {@code toString()} is used
   * @param column the column name
   * @return the location
   */
  public static Aad of(String table, Object rowId, String column) {
    return new Aad(table, String.valueOf(Objects.requireNonNull(rowId, "row id")), column);
  }

  /**
   * The bytes authenticated by one of the two encryptions. Each part is length-prefixed so that no
   * two different locations encode alike ({@code ("a_b", "1")} and {@code ("a", "b_1")} differ),
   * and the purpose separates the data-key encryption from the value encryption.
   */
  byte[] encode(String purpose, String keyVersion) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (String part : new String[] {purpose, keyVersion, table, rowId, column}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** Names the location as {@code table.column (row id)}, for messages. */
  @Override
  public String toString() {
    return table + "." + column + " (row " + rowId + ")";
  }

  private static void requirePart(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " of a sealed value's location is empty");
    }
  }
}
