package dev.switchboard.routing.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.routing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CircuitBreakerTest {

  private final ManualClock clock = new ManualClock();

  static ProviderException error(ErrorCategory category) {
    return ProviderException.builder(category, "simulated " + category).build();
  }

  private CircuitBreaker breaker(CircuitSettings settings) {
    return new CircuitBreaker("a", settings, clock);
  }

  private static void fail(CircuitBreaker b, ErrorCategory category) {
    b.tryAcquire().orElseThrow().onFailure(error(category));
  }

  @Test
  void opensAfterFiveConsecutiveProviderFailuresByDefault() {
    CircuitBreaker b = breaker(CircuitSettings.DEFAULTS);
    for (int i = 0; i < 4; i++) {
      fail(b, ErrorCategory.UNAVAILABLE);
    }
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail(b, ErrorCategory.TIMEOUT);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(b.tryAcquire()).isEmpty();
  }

  @Test
  void successBetweenFailuresResetsTheCount() {
    CircuitBreaker b = breaker(CircuitSettings.DEFAULTS);
    for (int i = 0; i < 4; i++) {
      fail(b, ErrorCategory.UPSTREAM_PROTOCOL);
    }
    b.tryAcquire().orElseThrow().onSuccess();
    for (int i = 0; i < 4; i++) {
      fail(b, ErrorCategory.UNAVAILABLE);
    }
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.snapshot().consecutiveFailures()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorCategory.class,
      names = {
        "BAD_REQUEST",
        "CONTEXT_LENGTH_EXCEEDED",
        "CONTENT_POLICY",
        "AUTHENTICATION",
        "PERMISSION",
        "MODEL_NOT_FOUND",
        "QUOTA_EXHAUSTED"
      })
  void callerAndAccountErrorsNeverOpenTheCircuit(ErrorCategory category) {
    CircuitBreaker b = breaker(CircuitSettings.DEFAULTS);
    for (int i = 0; i < 20; i++) {
      fail(b, category);
    }
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.snapshot().consecutiveFailures()).isZero();
  }

  @Test
  void callerErrorsDoNotBreakARunOfProviderFailuresEither() {
    CircuitBreaker b = breaker(new CircuitSettings(3, Duration.ofSeconds(60), 1, 1));
    fail(b, ErrorCategory.UNAVAILABLE);
    fail(b, ErrorCategory.BAD_REQUEST);
    fail(b, ErrorCategory.UNAVAILABLE);
    fail(b, ErrorCategory.RATE_LIMITED);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void openCircuitTurnsHalfOpenAfterTheOpenPeriod() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1));
    fail(b, ErrorCategory.UNAVAILABLE);
    clock.advance(Duration.ofSeconds(59));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(b.admitsCalls()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void halfOpenCircuitAdmitsOnlyTheConfiguredNumberOfTrialsAtOnce() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 2, 2));
    fail(b, ErrorCategory.UNAVAILABLE);
    clock.advance(Duration.ofSeconds(60));

    Optional<CircuitBreaker.Permit> first = b.tryAcquire();
    Optional<CircuitBreaker.Permit> second = b.tryAcquire();
    assertThat(first).hasValueSatisfying(p -> assertThat(p.trial()).isTrue());
    assertThat(second).isPresent();
    assertThat(b.tryAcquire()).isEmpty();
    assertThat(b.snapshot().trialsInFlight()).isEqualTo(2);

    first.get().onSuccess();
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    Optional<CircuitBreaker.Permit> third = b.tryAcquire();
    assertThat(third).isPresent();
    assertThat(b.tryAcquire()).isEmpty();

    second.get().onSuccess();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void trialFailureReopensForAnotherFullPeriod() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1));
    fail(b, ErrorCategory.UNAVAILABLE);
    clock.advance(Duration.ofSeconds(60));
    fail(b, ErrorCategory.TIMEOUT);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.tryAcquire()).isEmpty();
    assertThat(b.snapshot().timesOpened()).isEqualTo(2);
  }

  @Test
  void callerErrorDuringATrialFreesTheSlotWithoutDeciding() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1));
    fail(b, ErrorCategory.UNAVAILABLE);
    clock.advance(Duration.ofSeconds(60));
    fail(b, ErrorCategory.BAD_REQUEST);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(b.tryAcquire()).isPresent();
  }

  @Test
  void lateSuccessOfACallAdmittedBeforeTheCircuitOpenedDoesNotCloseIt() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1));
    CircuitBreaker.Permit straggler = b.tryAcquire().orElseThrow();
    fail(b, ErrorCategory.UNAVAILABLE);
    straggler.onSuccess();
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void permitCountsOnlyOnce() {
    CircuitBreaker b = breaker(new CircuitSettings(2, Duration.ofSeconds(60), 1, 1));
    CircuitBreaker.Permit p = b.tryAcquire().orElseThrow();
    p.onFailure(error(ErrorCategory.UNAVAILABLE));
    p.onFailure(error(ErrorCategory.UNAVAILABLE));
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void resetClosesAnOpenCircuit() {
    CircuitBreaker b = breaker(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1));
    fail(b, ErrorCategory.UNAVAILABLE);
    b.reset();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.tryAcquire()).isPresent();
  }
}
