package dev.switchboard.platform.status;

import java.time.Instant;

/**
 * The server's own account of itself, shown on the console's status page and by the admin API.
 *
 * @param version the Switchboard build version
 * @param databaseKind a display name of the database, or "unknown" when it cannot be reached
 * @param schemaVersion the latest applied migration, or "unknown"
 * @param databaseUp whether a connection answered just now
 * @param checkedAt when this was read
 */
public record ServerStatus(
    String version,
    String databaseKind,
    String schemaVersion,
    boolean databaseUp,
    Instant checkedAt) {

  public String health() {
    return databaseUp ? "UP" : "DOWN";
  }
}
