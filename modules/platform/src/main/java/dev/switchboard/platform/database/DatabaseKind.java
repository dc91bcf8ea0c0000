package dev.switchboard.platform.database;

import java.util.Locale;

/** The databases Switchboard runs on; {@code vendor} names the vendor-specific migration folder. */
public enum DatabaseKind {
  DERBY("derby", "Apache Derby (embedded)"),
  POSTGRESQL("postgresql", "PostgreSQL");

  private final String vendor;
  private final String displayName;

  DatabaseKind(String vendor, String displayName) {
    this.vendor = vendor;
    this.displayName = displayName;
  }

  public String vendor() {
    return vendor;
  }

  public String displayName() {
    return displayName;
  }

  /** Maps {@code DatabaseMetaData.getDatabaseProductName()} to a supported kind. */
  public static DatabaseKind fromProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("derby")) {
      return DERBY;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new MigrationFailedException(
        "Unsupported database '"
            + productName
            + "': Switchboard runs on embedded Derby or PostgreSQL.");
  }
}
