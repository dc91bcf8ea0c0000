package dev.switchboard.routing.execution;

import dev.switchboard.routing.balance.LatencyTracker;
import dev.switchboard.routing.circuit.CircuitBreaker;
import dev.switchboard.routing.circuit.CircuitRegistry;
import dev.switchboard.routing.limit.ConcurrencyLimit;
import dev.switchboard.routing.retry.RetryBudget;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The runtime state of every integration: its circuit, concurrency limit and retry budget, created
 * on first use and never shared between integrations, plus the latency of every deployment. The
 * settings function is read on every access, so a changed setting applies to the next call.
 */
public final class IntegrationGuards {

  private final Function<String, IntegrationSettings> settings;
  private final Clock clock;
  private final CircuitRegistry circuits;
  private final ConcurrentMap<String, ConcurrencyLimit> limits = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, RetryBudget> budgets = new ConcurrentHashMap<>();
  private final LatencyTracker latencies = new LatencyTracker();
  private volatile RateGate rateGate = RateGate.OPEN;

  public IntegrationGuards(Function<String, IntegrationSettings> settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.circuits = new CircuitRegistry(id -> settings.apply(id).circuit(), clock);
  }

  /** Every integration with {@link IntegrationSettings#DEFAULTS}, on the system clock. */
  public static IntegrationGuards withDefaults() {
    return new IntegrationGuards(id -> IntegrationSettings.DEFAULTS, Clock.systemUTC());
  }

  public IntegrationSettings settings(String integrationId) {
    return settings.apply(integrationId);
  }

  public CircuitRegistry circuits() {
    return circuits;
  }

  public CircuitBreaker circuit(String integrationId) {
    return circuits.circuit(integrationId);
  }

  public ConcurrencyLimit limit(String integrationId) {
    int max = settings(integrationId).maxConcurrent();
    ConcurrencyLimit limit =
        limits.computeIfAbsent(integrationId, id -> new ConcurrencyLimit(id, max));
    if (limit.max() != max) {
      limit.resize(max);
    }
    return limit;
  }

  public RetryBudget budget(String integrationId) {
    var current = settings(integrationId).budget();
    RetryBudget budget =
        budgets.computeIfAbsent(integrationId, id -> new RetryBudget(current, clock));
    if (!budget.settings().equals(current)) {
      budget.reconfigure(current);
    }
    return budget;
  }

  /** The per-integration request allowance asked before each upstream call. */
  public RateGate rateGate() {
    return rateGate;
  }

  public void rateGate(RateGate gate) {
    this.rateGate = Objects.requireNonNull(gate, "gate");
  }

  public LatencyTracker latencies() {
    return latencies;
  }
}
