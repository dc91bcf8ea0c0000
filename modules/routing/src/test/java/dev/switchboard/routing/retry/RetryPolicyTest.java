package dev.switchboard.routing.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RandomGenerator random = new SplittableRandom(42);

  private static ProviderException unavailable() {
    return ProviderException.builder(ErrorCategory.UNAVAILABLE, "503").httpStatus(503).build();
  }

  private static ProviderException rateLimited(Duration retryAfter) {
    return ProviderException.builder(ErrorCategory.RATE_LIMITED, "429")
        .httpStatus(429)
        .retryAfter(retryAfter)
        .build();
  }

  @Test
  void retryAfterIsWaitedExactlyWhenBelowTheCap() {
    assertThat(
            RetryPolicy.DEFAULTS.waitBefore(
                1, rateLimited(Duration.ofSeconds(2)), Duration.ZERO, random))
        .contains(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterBeyondTheCapIsCapped() {
    assertThat(
            RetryPolicy.DEFAULTS.waitBefore(
                1, rateLimited(Duration.ofMinutes(10)), Duration.ZERO, random))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void shouldRetryFalseIsObeyedWhateverTheCategory() {
    ProviderException e =
        ProviderException.builder(ErrorCategory.RATE_LIMITED, "429").retryable(false).build();
    assertThat(RetryPolicy.DEFAULTS.waitBefore(1, e, Duration.ZERO, random)).isEmpty();
  }

  @Test
  void quotaExhaustedIsNeverRetried() {
    ProviderException e =
        ProviderException.builder(ErrorCategory.QUOTA_EXHAUSTED, "insufficient_quota")
            .providerCode("insufficient_quota")
            .httpStatus(429)
            .build();
    assertThat(RetryPolicy.DEFAULTS.waitBefore(1, e, Duration.ZERO, random)).isEmpty();
  }

  @Test
  void retriesStopAtTheMaximum() {
    RetryPolicy policy = RetryPolicy.DEFAULTS.withMaxRetries(2);
    assertThat(policy.waitBefore(2, unavailable(), Duration.ZERO, random)).isPresent();
    assertThat(policy.waitBefore(3, unavailable(), Duration.ZERO, random)).isEmpty();
    assertThat(RetryPolicy.NONE.waitBefore(1, unavailable(), Duration.ZERO, random)).isEmpty();
  }

  @Test
  void backoffDoublesFromTheBaseUpToTheCapWithoutJitter() {
    RetryPolicy policy =
        new RetryPolicy(
            10, Duration.ofMillis(250), Duration.ofSeconds(2), Jitter.NONE, Duration.ofSeconds(30));
    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(
                    n -> policy.waitBefore(n, unavailable(), Duration.ZERO, random).orElseThrow())
                .toList())
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
  }

  @Test
  void fullJitterStaysBetweenZeroAndTheExponentialStep() {
    RetryPolicy policy =
        new RetryPolicy(
            70, Duration.ofMillis(100), Duration.ofSeconds(5), Jitter.FULL, Duration.ofSeconds(30));
    for (int n = 1; n <= 70; n++) {
      Duration step = Duration.ofMillis(Math.min(5000, 100L << Math.min(n - 1, 20)));
      Duration wait = policy.waitBefore(n, unavailable(), Duration.ZERO, random).orElseThrow();
      assertThat(wait).isBetween(Duration.ZERO, step);
    }
  }

  @Test
  void fullJitterSpreadsTheWaits() {
    RetryPolicy policy = RetryPolicy.DEFAULTS.withMaxRetries(5);
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> policy.waitBefore(3, unavailable(), Duration.ZERO, random).orElseThrow())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void decorrelatedJitterStaysBetweenTheBaseAndThreeTimesThePreviousWaitCapped() {
    RetryPolicy policy =
        new RetryPolicy(
            10,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Jitter.DECORRELATED,
            Duration.ofSeconds(30));
    Duration previous = Duration.ZERO;
    for (int n = 1; n <= 10; n++) {
      Duration wait = policy.waitBefore(n, unavailable(), previous, random).orElseThrow();
      Duration upper = Duration.ofMillis(Math.max(100, 3 * Math.max(previous.toMillis(), 100)));
      assertThat(wait)
          .isBetween(
              Duration.ofMillis(100),
              upper.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : upper);
      previous = wait;
    }
  }
}
