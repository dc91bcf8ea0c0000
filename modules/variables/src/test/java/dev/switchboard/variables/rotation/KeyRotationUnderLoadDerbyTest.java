package dev.switchboard.variables.rotation;

/** The key rotation under load on embedded Derby (in memory). */
class KeyRotationUnderLoadDerbyTest extends KeyRotationUnderLoadScenarios {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.derby();
  }
}
