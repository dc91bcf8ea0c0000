package dev.switchboard.routing.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private final ManualClock clock = new ManualClock();

  private static int acquired(RetryBudget budget, int tries) {
    int granted = 0;
    for (int i = 0; i < tries; i++) {
      if (budget.tryAcquireRetry()) {
        granted++;
      }
    }
    return granted;
  }

  @Test
  void quietIntegrationMayStillRetryTheMinimum() {
    RetryBudget budget = new RetryBudget(BudgetSettings.DEFAULTS, clock);
    budget.recordFirstAttempt();
    assertThat(acquired(budget, 10)).isEqualTo(3);
  }

  @Test
  void retriesAddAtMostTwentyPercentOnTopOfFirstAttempts() {
    RetryBudget budget = new RetryBudget(new BudgetSettings(0.2, 0, Duration.ofSeconds(10)), clock);
    for (int i = 0; i < 100; i++) {
      budget.recordFirstAttempt();
    }
    assertThat(acquired(budget, 100)).isEqualTo(20);
    assertThat(budget.available()).isZero();
  }

  @Test
  void budgetRefillsAsTheWindowSlides() {
    RetryBudget budget = new RetryBudget(new BudgetSettings(0.5, 0, Duration.ofSeconds(10)), clock);
    for (int i = 0; i < 10; i++) {
      budget.recordFirstAttempt();
    }
    assertThat(acquired(budget, 10)).isEqualTo(5);

    clock.advance(Duration.ofSeconds(5));
    for (int i = 0; i < 10; i++) {
      budget.recordFirstAttempt();
    }
    assertThat(acquired(budget, 10)).isEqualTo(5);

    clock.advance(Duration.ofSeconds(6));
    assertThat(budget.available()).as("the first five seconds slid out").isEqualTo(0);
    clock.advance(Duration.ofSeconds(10));
    assertThat(budget.available()).isZero();
    budget.recordFirstAttempt();
    budget.recordFirstAttempt();
    assertThat(acquired(budget, 5)).isEqualTo(1);
  }
}
