package dev.switchboard.routing.execution;

import dev.switchboard.routing.circuit.CircuitSettings;
import dev.switchboard.routing.retry.BudgetSettings;
import dev.switchboard.routing.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The reliability settings of one integration, changeable at runtime.
 *
 * @param circuit its circuit breaker
 * @param retry its retries
 * @param budget its retry budget
 * @param maxConcurrent calls in flight at most
 * @param maxQueueWait how long a call waits for a free slot when no other deployment is left to try
 *     (always clipped to the deadline); with fallbacks left, a full integration is skipped at once
 */
public record IntegrationSettings(
    CircuitSettings circuit,
    RetryPolicy retry,
    BudgetSettings budget,
    int maxConcurrent,
    Duration maxQueueWait) {

  /** The defaults of each part; 64 concurrent calls; 1 s queue wait on the last deployment. */
  public static final IntegrationSettings DEFAULTS =
      new IntegrationSettings(
          CircuitSettings.DEFAULTS,
          RetryPolicy.DEFAULTS,
          BudgetSettings.DEFAULTS,
          64,
          Duration.ofSeconds(1));

  public IntegrationSettings {
    Objects.requireNonNull(circuit, "circuit");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(maxQueueWait, "maxQueueWait");
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
  }

  public IntegrationSettings withCircuit(CircuitSettings value) {
    return new IntegrationSettings(value, retry, budget, maxConcurrent, maxQueueWait);
  }

  public IntegrationSettings withRetry(RetryPolicy value) {
    return new IntegrationSettings(circuit, value, budget, maxConcurrent, maxQueueWait);
  }

  public IntegrationSettings withBudget(BudgetSettings value) {
    return new IntegrationSettings(circuit, retry, value, maxConcurrent, maxQueueWait);
  }

  public IntegrationSettings withMaxConcurrent(int value) {
    return new IntegrationSettings(circuit, retry, budget, value, maxQueueWait);
  }

  public IntegrationSettings withMaxQueueWait(Duration value) {
    return new IntegrationSettings(circuit, retry, budget, maxConcurrent, value);
  }
}
