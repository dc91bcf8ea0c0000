/**
 * Usage: the ledger of routed calls (a local journal first, then the database, idempotent by
 * request id), analytics, prices and cost, token limits over cycles with threshold mail, and the
 * notification log. The timers that drive it live in the gateway (EAR lib jars are not scanned for
 * EJBs); they call the plain classes here.
 */
module dev.switchboard.usage {
  requires transitive dev.switchboard.core;
  requires transitive dev.switchboard.platform;
  requires dev.switchboard.integrations;
  requires transitive java.sql;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.transaction;
  requires transitive jakarta.mail;
  requires microprofile.config.api;

  exports dev.switchboard.usage;

  opens dev.switchboard.usage;
}
