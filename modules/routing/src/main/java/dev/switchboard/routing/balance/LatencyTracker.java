package dev.switchboard.routing.balance;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An exponentially weighted moving average of each deployment's latency, by deployment id. Recent
 * calls weigh {@code alpha}, the history {@code 1 - alpha}.
 */
public final class LatencyTracker {

  /** Each new observation weighs 30%. */
  public static final double DEFAULT_ALPHA = 0.3;

  private final double alpha;
  private final ConcurrentMap<String, Double> averageNanos = new ConcurrentHashMap<>();

  public LatencyTracker(double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]");
    }
    this.alpha = alpha;
  }

  public LatencyTracker() {
    this(DEFAULT_ALPHA);
  }

  public void record(String deploymentId, Duration latency) {
    double sample = latency.toNanos();
    averageNanos.merge(deploymentId, sample, (old, s) -> old + alpha * (s - old));
  }

  /** The average so far; empty before the first observation. */
  public Optional<Duration> average(String deploymentId) {
    Double nanos = averageNanos.get(deploymentId);
    return nanos == null ? Optional.empty() : Optional.of(Duration.ofNanos(nanos.longValue()));
  }
}
