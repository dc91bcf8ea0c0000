package dev.switchboard.routing.retry;

import dev.switchboard.core.error.ProviderException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Retries of one deployment: how many, and the wait before each.
 *
 * @param maxRetries retries after the first attempt (0: none)
 * @param baseDelay the first backoff step
 * @param maxDelay the cap on a backoff wait
 * @param jitter how waits are spread
 * @param maxRetryAfter the cap on a wait the provider asked for ({@code Retry-After}); a provider
 *     asking for longer is waited for this long at most
 */
public record RetryPolicy(
    int maxRetries, Duration baseDelay, Duration maxDelay, Jitter jitter, Duration maxRetryAfter) {

  /**
   * Two retries, backoff from 250 ms up to 8 s with full jitter, Retry-After honoured up to 30 s.
   */
  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(
          2, Duration.ofMillis(250), Duration.ofSeconds(8), Jitter.FULL, Duration.ofSeconds(30));

  /** No retries at all. */
  public static final RetryPolicy NONE = DEFAULTS.withMaxRetries(0);

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetries < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("invalid retry policy");
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter cannot be negative");
    }
  }

  public RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, baseDelay, maxDelay, jitter, maxRetryAfter);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry), or empty when the failure
   * must not be retried: retries used up, or the error not {@link ProviderException#retryable()}
   * (which includes a provider's {@code x-should-retry: false}).
   *
   * @param previousWait the wait before the previous retry (zero before the first), for
   *     decorrelated jitter
   */
  public Optional<Duration> waitBefore(
      int retry, ProviderException failure, Duration previousWait, RandomGenerator random) {
    if (retry < 1 || retry > maxRetries || !failure.retryable()) {
      return Optional.empty();
    }
    Optional<Duration> asked = failure.retryAfter();
    if (asked.isPresent()) {
      return Optional.of(min(asked.get(), maxRetryAfter));
    }
    return Optional.of(backoff(retry, previousWait, random));
  }

  Duration backoff(int retry, Duration previousWait, RandomGenerator random) {
    long base = baseDelay.toNanos();
    long cap = maxDelay.toNanos();
    long step = retry >= 62 ? cap : Math.min(cap, saturatedShift(base, retry - 1));
    long nanos =
        switch (jitter) {
          case NONE -> step;
          case FULL -> uniform(random, 0, step);
          case DECORRELATED ->
              Math.min(
                  cap,
                  uniform(
                      random, base, Math.max(base, 3 * Math.max(previousWait.toNanos(), base))));
        };
    return Duration.ofNanos(nanos);
  }

  private static long saturatedShift(long value, int shift) {
    return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
  }

  private static long uniform(RandomGenerator random, long from, long to) {
    return to <= from ? from : from + random.nextLong(to - from + 1);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
