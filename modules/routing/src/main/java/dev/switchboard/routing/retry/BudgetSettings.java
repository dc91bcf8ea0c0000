package dev.switchboard.routing.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How many retries an integration may add on top of its first attempts.
 *
 * @param ratio retries allowed per first attempt over the window (0.2: at most 20% more load)
 * @param minRetries retries always allowed per window, so a quiet integration can still retry
 * @param window the sliding window over which attempts are counted
 */
public record BudgetSettings(double ratio, int minRetries, Duration window) {

  /** 20% over a 10 s window, plus 3 retries per window whatever the traffic. */
  public static final BudgetSettings DEFAULTS = new BudgetSettings(0.2, 3, Duration.ofSeconds(10));

  public BudgetSettings {
    Objects.requireNonNull(window, "window");
    if (ratio < 0 || Double.isNaN(ratio) || minRetries < 0 || window.toMillis() < 10) {
      throw new IllegalArgumentException("invalid retry budget");
    }
  }
}
