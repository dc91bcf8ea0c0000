package dev.switchboard.variables.rotation;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The key rotation under load on PostgreSQL, in a fresh schema of the database that {@code
 * SWITCHBOARD_DB_URL} names (as the {@code postgresql} profile and CI set it).
 */
@EnabledIfEnvironmentVariable(named = "SWITCHBOARD_DB_URL", matches = "jdbc:postgresql:.*")
class KeyRotationUnderLoadPostgresTest extends KeyRotationUnderLoadScenarios {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.postgresFromEnvironment();
  }
}
