package dev.switchboard.routing.balance;

import dev.switchboard.routing.Deployment;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The deployment with the lowest average latency first. A deployment never measured comes before
 * all measured ones, so a new or recovered deployment gets traffic and a measurement.
 */
public final class LeastLatency implements LoadBalancer {

  private final LatencyTracker latencies;

  public LeastLatency(LatencyTracker latencies) {
    this.latencies = Objects.requireNonNull(latencies, "latencies");
  }

  @Override
  public List<Deployment> rank(List<Deployment> available) {
    return available.stream()
        .sorted(
            Comparator.comparing((Deployment d) -> latencies.average(d.id()).orElse(Duration.ZERO)))
        .toList();
  }
}
