package dev.switchboard.variables.rotation;

/** The key rotation rules on embedded Derby (in memory). */
class KeyRotationRulesDerbyTest extends KeyRotationRulesScenarios {

  @Override
  TestDatabase newDatabase() {
    return TestDatabase.derby();
  }
}
