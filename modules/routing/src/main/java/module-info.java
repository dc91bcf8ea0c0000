/**
 * Per-integration reliability for provider calls, in plain Java: fallback chains, retries with
 * backoff inside a retry budget, one deadline per call, a circuit breaker and a concurrency limit
 * per integration, and load balancing across equivalent deployments. The container glue (the {@code
 * LlmRouter} bean, configuration) lives elsewhere and drives these types.
 */
module dev.switchboard.routing {
  requires transitive dev.switchboard.providers;

  exports dev.switchboard.routing;
  exports dev.switchboard.routing.balance;
  exports dev.switchboard.routing.circuit;
  exports dev.switchboard.routing.deadline;
  exports dev.switchboard.routing.execution;
  exports dev.switchboard.routing.limit;
  exports dev.switchboard.routing.retry;
}
