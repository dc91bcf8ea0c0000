package dev.switchboard.variables.rotation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The columns that hold sealed values. Each module that stores secrets registers its columns at
 * start, so that key rotation reaches every sealed value. Thread-safe.
 */
public final class SealedColumnRegistry {

  private final CopyOnWriteArrayList<SealedColumn> columns = new CopyOnWriteArrayList<>();

  /**
   * Registers a column; registering the same column again has no effect.
   *
   * @param column the column
   * @return this registry
   */
  public SealedColumnRegistry register(SealedColumn column) {
    columns.addIfAbsent(column);
    return this;
  }

  /**
   * Registers a column by its names.
   *
   * @param table the table
   * @param idColumn its primary key column
   * @param sealedColumn the column with sealed values
   * @return this registry
   */
  public SealedColumnRegistry register(String table, String idColumn, String sealedColumn) {
    return register(new SealedColumn(table, idColumn, sealedColumn));
  }

  /**
   * The registered columns, in order of registration.
   *
   * @return a snapshot of the columns
   */
  public List<SealedColumn> columns() {
    return List.copyOf(columns);
  }
}
