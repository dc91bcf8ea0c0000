/** Schema migrations, database status, accounts and the identity store shared by every module. */
module dev.switchboard.platform {
  requires java.sql;
  requires java.naming;
  requires jakarta.annotation;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.persistence;
  requires jakarta.transaction;
  requires jakarta.security;
  requires jakarta.json.bind;
  requires microprofile.config.api;
  requires flyway.core;

  exports dev.switchboard.platform.apikeys;
  exports dev.switchboard.platform.audit;
  exports dev.switchboard.platform.config;
  exports dev.switchboard.platform.database;
  exports dev.switchboard.platform.security;
  exports dev.switchboard.platform.status;

  opens dev.switchboard.platform.apikeys;
  opens dev.switchboard.platform.audit;
  opens dev.switchboard.platform.config;
  opens dev.switchboard.platform.database;
  opens dev.switchboard.platform.security;
  opens dev.switchboard.platform.status;
}
