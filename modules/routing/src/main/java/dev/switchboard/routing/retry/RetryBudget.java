package dev.switchboard.routing.retry;

import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * A token-bucket-like retry budget over a sliding window: a retry is allowed while retries in the
 * window stay within {@code ratio} times the first attempts in the window plus {@code minRetries}.
 * The window is kept in ten buckets, so it slides in tenths; one small lock guards them.
 */
public final class RetryBudget {

  private static final int BUCKETS = 10;

  private final Clock clock;
  private volatile BudgetSettings settings;
  private final long[] firstAttempts = new long[BUCKETS];
  private final long[] retries = new long[BUCKETS];
  private long currentSlot = Long.MIN_VALUE;

  public RetryBudget(BudgetSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public BudgetSettings settings() {
    return settings;
  }

  /** New settings; the counts so far are kept. */
  public void reconfigure(BudgetSettings newSettings) {
    this.settings = Objects.requireNonNull(newSettings, "settings");
  }

  /** Counts a first attempt (not a retry) to this integration. */
  public synchronized void recordFirstAttempt() {
    firstAttempts[slot()]++;
  }

  /** Takes one retry from the budget, or says there is none left. */
  public synchronized boolean tryAcquireRetry() {
    int slot = slot();
    long attempts = 0;
    long retried = 0;
    for (int i = 0; i < BUCKETS; i++) {
      attempts += firstAttempts[i];
      retried += retries[i];
    }
    BudgetSettings s = settings;
    if (retried + 1 > s.ratio() * attempts + s.minRetries()) {
      return false;
    }
    retries[slot]++;
    return true;
  }

  /** Retries the window still allows now. */
  public synchronized long available() {
    slot();
    long attempts = 0;
    long retried = 0;
    for (int i = 0; i < BUCKETS; i++) {
      attempts += firstAttempts[i];
      retried += retries[i];
    }
    return Math.max(
        0, (long) Math.floor(settings.ratio() * attempts + settings.minRetries()) - retried);
  }

  /** The bucket of now, clearing the buckets that slid out of the window since the last call. */
  private int slot() {
    long bucketMillis = Math.max(1, settings.window().toMillis() / BUCKETS);
    long now = clock.millis() / bucketMillis;
    if (currentSlot == Long.MIN_VALUE || now - currentSlot >= BUCKETS) {
      Arrays.fill(firstAttempts, 0);
      Arrays.fill(retries, 0);
    } else {
      for (long s = currentSlot + 1; s <= now; s++) {
        int i = (int) Math.floorMod(s, BUCKETS);
        firstAttempts[i] = 0;
        retries[i] = 0;
      }
    }
    currentSlot = Math.max(now, currentSlot);
    return (int) Math.floorMod(currentSlot, BUCKETS);
  }
}
