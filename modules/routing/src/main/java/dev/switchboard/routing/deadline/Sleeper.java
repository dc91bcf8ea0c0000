package dev.switchboard.routing.deadline;

import java.time.Duration;

/**
 * Waits. Routing never calls {@link Thread#sleep} directly: a test passes a sleeper that records
 * the wait and advances a manual clock instead, so backoff arithmetic is asserted without wall
 * time.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks for {@code duration}; returns at once for zero or negative durations. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
