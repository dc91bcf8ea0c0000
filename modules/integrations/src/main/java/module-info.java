/** Provider integrations: credentials kept sealed, models, connection tests, status and audit. */
module dev.switchboard.integrations {
  requires transitive dev.switchboard.providers;
  requires dev.switchboard.variables;
  requires dev.switchboard.platform;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.persistence;
  requires jakarta.transaction;
  requires jakarta.annotation;
  requires microprofile.fault.tolerance.api;
  requires java.sql;
  requires microprofile.config.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;

  exports dev.switchboard.integrations;
  exports dev.switchboard.integrations.auth;
  exports dev.switchboard.integrations.secrets;
  exports dev.switchboard.integrations.variables;

  opens dev.switchboard.integrations;
  opens dev.switchboard.integrations.auth;
  opens dev.switchboard.integrations.secrets;
  opens dev.switchboard.integrations.variables;
}
