package dev.switchboard.routing.router;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.routing.circuit.CircuitState;
import dev.switchboard.routing.execution.Attempts;
import dev.switchboard.routing.execution.IntegrationGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The router's MicroProfile metrics (application scope, served at {@code /metrics}): requests,
 * errors by category, retries, fallbacks, cache hits, latency and time-to-first-token timers,
 * tokens by model, feature and workspace, and each integration's circuit state. Label values are
 * bounded: past {@code switchboard.metrics.max-label-values} distinct values of one label (default
 * 50), new ones are counted as {@code other}, so a caller cannot grow the registry without bound.
 */
@ApplicationScoped
public class RouterMetrics {

  static final String OTHER = "other";

  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = "switchboard.metrics.max-label-values", defaultValue = "50")
  int maxLabelValues;

  private final ConcurrentHashMap<String, Set<String>> seen = new ConcurrentHashMap<>();
  private final Set<String> circuitGauges = ConcurrentHashMap.newKeySet();
  private volatile IntegrationGuards guards;

  void watch(IntegrationGuards g) {
    this.guards = g;
  }

  void record(CallRecord call, Attempts attempts) {
    String kind = call.kind().name().toLowerCase(java.util.Locale.ROOT);
    String outcome = call.succeeded() ? "success" : "error";
    String model = bounded("model", call.model());
    String feature = bounded("feature", call.context().feature());
    String workspace = bounded("workspace", call.context().workspace());
    registry
        .counter(
            "switchboard_requests",
            new Tag("kind", kind),
            new Tag("outcome", outcome),
            new Tag("cached", String.valueOf(call.cached())))
        .inc();
    if (!call.succeeded()) {
      registry
          .counter(
              "switchboard_errors",
              new Tag("category", call.error().name().toLowerCase(java.util.Locale.ROOT)))
          .inc();
    }
    long retries = attempts.retries();
    if (retries > 0) {
      registry.counter("switchboard_retries").inc(retries);
    }
    if (attempts.fellBack()) {
      registry.counter("switchboard_fallbacks").inc();
    }
    registry.timer("switchboard_request_duration", new Tag("kind", kind)).update(call.latency());
    Duration ttft = call.timeToFirstToken();
    if (ttft != null) {
      registry.timer("switchboard_time_to_first_token").update(ttft);
    }
    long in = call.usage().inputTokens();
    long out = call.usage().outputTokens();
    if (in > 0) {
      tokens("input", model, feature, workspace, in);
    }
    if (out > 0) {
      tokens("output", model, feature, workspace, out);
    }
    if (call.integrationId() != null) {
      circuitGauge(call.integrationId());
    }
  }

  private void tokens(String direction, String model, String feature, String workspace, long n) {
    registry
        .counter(
            "switchboard_tokens",
            new Tag("direction", direction),
            new Tag("model", model),
            new Tag("feature", feature),
            new Tag("workspace", workspace))
        .inc(n);
  }

  /** 0 closed, 1 half-open, 2 open, registered once per integration the router has called. */
  private void circuitGauge(String integrationId) {
    IntegrationGuards g = guards;
    if (g == null || !circuitGauges.add(integrationId)) {
      return;
    }
    registry.gauge(
        "switchboard_circuit_state",
        () -> {
          CircuitState s = g.circuit(integrationId).state();
          return s == CircuitState.CLOSED ? 0 : s == CircuitState.HALF_OPEN ? 1 : 2;
        },
        new Tag("integration", integrationId));
  }

  /** The value itself while the label has fewer than the maximum distinct values, else "other". */
  String bounded(String label, String value) {
    String v = value == null || value.isEmpty() ? "none" : value;
    Set<String> values = seen.computeIfAbsent(label, l -> ConcurrentHashMap.newKeySet());
    if (values.contains(v)) {
      return v;
    }
    if (values.size() >= maxLabelValues) {
      return OTHER;
    }
    values.add(v);
    return v;
  }
}
