package dev.switchboard.routing.router;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.routing.execution.Attempt;
import dev.switchboard.routing.execution.Attempts;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * This server's routing statistics since it started: per deployment (requests, successes, failures,
 * average latency, last used) and for every call (success rate, tokens, retries, fallbacks). The
 * usage ledger holds the cluster-wide, durable numbers.
 */
public final class RoutingStats {

  /** One deployment's numbers; {@code circuitState} is filled in by the caller. */
  public record DeploymentStats(
      String deploymentId,
      String integrationId,
      String model,
      long requests,
      long successes,
      long failures,
      double averageLatencyMs,
      String circuitState,
      Instant lastUsed) {}

  /** Every call's numbers. */
  public record Summary(
      long calls,
      long succeeded,
      long failed,
      double successRate,
      long cacheHits,
      long cacheMisses,
      double cacheHitRate,
      long inputTokens,
      long outputTokens,
      long retries,
      long fallbacks) {}

  private static final class Counters {
    final String integrationId;
    final String model;
    final LongAdder requests = new LongAdder();
    final LongAdder successes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder latencyNanos = new LongAdder();
    volatile Instant lastUsed;

    Counters(String integrationId, String model) {
      this.integrationId = integrationId;
      this.model = model;
    }
  }

  private final Map<String, Counters> deployments = new ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder inputTokens = new LongAdder();
  private final LongAdder outputTokens = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();

  /** Records a call that reached the router (cache hits included) and its attempts. */
  public void record(CallRecord call, Attempts attempts) {
    calls.increment();
    if (call.succeeded()) {
      succeeded.increment();
    }
    inputTokens.add(call.usage().inputTokens());
    outputTokens.add(call.usage().outputTokens());
    retries.add(attempts.retries());
    if (attempts.fellBack()) {
      fallbacks.increment();
    }
    Instant now = Instant.now();
    for (Attempt a : attempts.list()) {
      if (!a.outcome().called()) {
        continue;
      }
      Counters c =
          deployments.computeIfAbsent(
              a.deploymentId(), id -> new Counters(a.integrationId(), a.model()));
      c.requests.increment();
      (a.errorCategory().isEmpty() ? c.successes : c.failures).increment();
      c.latencyNanos.add(a.latency().toNanos());
      c.lastUsed = now;
    }
  }

  public List<DeploymentStats> deployments(Function<String, String> circuitStateOfIntegration) {
    return deployments.entrySet().stream()
        .map(
            e -> {
              Counters c = e.getValue();
              long n = c.requests.sum();
              return new DeploymentStats(
                  e.getKey(),
                  c.integrationId,
                  c.model,
                  n,
                  c.successes.sum(),
                  c.failures.sum(),
                  n == 0 ? 0 : c.latencyNanos.sum() / 1e6 / n,
                  circuitStateOfIntegration.apply(c.integrationId),
                  c.lastUsed);
            })
        .sorted(Comparator.comparing(DeploymentStats::deploymentId))
        .toList();
  }

  public Summary summary(long cacheHits, long cacheMisses) {
    long n = calls.sum();
    long ok = succeeded.sum();
    long lookups = cacheHits + cacheMisses;
    return new Summary(
        n,
        ok,
        n - ok,
        n == 0 ? 0 : (double) ok / n,
        cacheHits,
        cacheMisses,
        lookups == 0 ? 0 : (double) cacheHits / lookups,
        inputTokens.sum(),
        outputTokens.sum(),
        retries.sum(),
        fallbacks.sum());
  }
}
