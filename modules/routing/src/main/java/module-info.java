/**
 * The router. Its reliability core is plain Java: fallback chains, retries with backoff inside a
 * retry budget, one deadline per call, a circuit breaker and a concurrency limit per integration,
 * and load balancing across equivalent deployments. The {@code LlmRouter} bean ({@code router}
 * package) resolves a call into a route and drives that core.
 */
module dev.switchboard.routing {
  requires transitive dev.switchboard.providers;
  requires dev.switchboard.integrations;
  requires dev.switchboard.platform;
  requires dev.switchboard.variables;
  requires jakarta.persistence;
  requires jakarta.transaction;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires microprofile.config.api;
  requires microprofile.metrics.api;
  requires microprofile.fault.tolerance.api;
  requires java.sql;
  requires jakarta.annotation;

  exports dev.switchboard.routing;
  exports dev.switchboard.routing.balance;
  exports dev.switchboard.routing.circuit;
  exports dev.switchboard.routing.deadline;
  exports dev.switchboard.routing.execution;
  exports dev.switchboard.routing.features;
  exports dev.switchboard.routing.limit;
  exports dev.switchboard.routing.retry;
  exports dev.switchboard.routing.router;

  opens dev.switchboard.routing.router;
  opens dev.switchboard.routing.features;
}
