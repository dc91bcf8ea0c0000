package dev.switchboard.routing.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The moment by which a whole call (every attempt, wait and fallback) must be over. Every wait and
 * every attempt's timeouts are clipped to {@link #remaining()}.
 */
public final class Deadline {

  private final Clock clock;
  private final Instant at;

  private Deadline(Clock clock, Instant at) {
    this.clock = clock;
    this.at = at;
  }

  /** A deadline {@code budget} from now on the system clock. */
  public static Deadline after(Duration budget) {
    return after(budget, Clock.systemUTC());
  }

  /** A deadline {@code budget} from now on {@code clock}. */
  public static Deadline after(Duration budget, Clock clock) {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("a deadline budget cannot be negative");
    }
    return new Deadline(clock, clock.instant().plus(budget));
  }

  /** The time left; zero once passed, never negative. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** {@code wanted}, or the time left when that is shorter. */
  public Duration clip(Duration wanted) {
    Duration left = remaining();
    return wanted.compareTo(left) > 0 ? left : wanted;
  }

  /** The clock this deadline reads, for measurements that must agree with it. */
  public Clock clock() {
    return clock;
  }

  public Instant at() {
    return at;
  }

  @Override
  public String toString() {
    return "Deadline[at=" + at + ", remaining=" + remaining() + "]";
  }
}
