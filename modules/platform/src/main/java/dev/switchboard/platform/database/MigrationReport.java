package dev.switchboard.platform.database;

import java.util.List;

/**
 * What a start-up migration did.
 *
 * @param kind the database it ran against
 * @param schemaVersion the schema version after migrating (the latest applied migration)
 * @param applied the versions this run applied, oldest first; empty when already up to date
 * @param baselinedTimerSchema whether the schema history was baselined because the schema held only
 *     Liberty's persistent timer tables
 */
public record MigrationReport(
    DatabaseKind kind, String schemaVersion, List<String> applied, boolean baselinedTimerSchema) {

  public MigrationReport {
    applied = List.copyOf(applied);
  }
}
