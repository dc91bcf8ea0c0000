package dev.switchboard.routing.execution;

import java.time.Duration;

/** What to do after a failed attempt, and the wait before a retry. */
record Step(Attempt.FollowUp then, Duration delay) {

  static Step of(Attempt.FollowUp then) {
    return new Step(then, Duration.ZERO);
  }

  static Step retryAfter(Duration delay) {
    return new Step(Attempt.FollowUp.RETRIED, delay);
  }
}
