package dev.switchboard.routing.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.routing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  private final ManualClock clock = new ManualClock();

  @Test
  void remainingShrinksWithTheClockAndNeverGoesNegative() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);
    clock.advance(Duration.ofSeconds(4));
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(6));
    assertThat(deadline.expired()).isFalse();

    clock.advance(Duration.ofSeconds(7));
    assertThat(deadline.remaining()).isZero();
    assertThat(deadline.expired()).isTrue();
  }

  @Test
  void waitsAreClippedToTheTimeLeft() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), clock);
    assertThat(deadline.clip(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(deadline.clip(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void negativeBudgetIsRefused() {
    assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
