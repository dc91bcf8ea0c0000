/**
 * Variables and secrets of Switchboard: variable scopes and references, their resolution in each
 * phase, the rules a resolved header must pass, AES-256-GCM envelope encryption of secrets at rest
 * under versioned master keys, and the resumable rewrap that rotates those keys. Plain Java: the
 * container glue (MicroProfile Config, CDI, JPA) lives in the modules that use it.
 */
module dev.switchboard.variables {
  requires transitive java.sql;

  exports dev.switchboard.variables;
  exports dev.switchboard.variables.crypto;
  exports dev.switchboard.variables.rotation;
}
