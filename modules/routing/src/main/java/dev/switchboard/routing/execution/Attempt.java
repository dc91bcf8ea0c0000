package dev.switchboard.routing.execution;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.routing.Deployment;
import java.time.Duration;
import java.util.Optional;

/**
 * One attempt at one deployment, or one deployment skipped.
 *
 * @param deploymentId the deployment
 * @param integrationId its integration
 * @param model its model
 * @param outcome how it ended
 * @param category the error category of a failure or skip, or {@code null} on success
 * @param retryNumber 0 for the first attempt at this deployment, n for its n-th retry
 * @param waitBefore the backoff waited before this attempt
 * @param latency from sending to the end of the attempt; zero for a skip
 * @param then what the call did next
 * @param usage the tokens this attempt used as far as known; {@link Usage#NONE} when none
 */
public record Attempt(
    String deploymentId,
    String integrationId,
    String model,
    Outcome outcome,
    ErrorCategory category,
    int retryNumber,
    Duration waitBefore,
    Duration latency,
    FollowUp then,
    Usage usage) {

  /** What the call did after an attempt. */
  public enum FollowUp {
    /** Nothing: the call ended with this attempt's result. */
    NONE,
    /** Tried the same deployment again. */
    RETRIED,
    /** Moved on to the next deployment. */
    FELL_BACK,
    /** Would have retried, but the integration's retry budget was spent: moved on. */
    FELL_BACK_BUDGET_EXHAUSTED,
    /** Ended the call with this failure (a caller error, or a stream already under way). */
    GAVE_UP
  }

  /** A deployment that was not called, and why. */
  static Attempt skipped(Deployment d, Outcome outcome, ErrorCategory category) {
    return skipped(d, outcome, category, 0, Duration.ZERO);
  }

  static Attempt skipped(
      Deployment d, Outcome outcome, ErrorCategory category, int retry, Duration wait) {
    return new Attempt(
        d.id(),
        d.integrationId(),
        d.model(),
        outcome,
        category,
        retry,
        wait,
        Duration.ZERO,
        FollowUp.FELL_BACK,
        Usage.NONE);
  }

  public Optional<ErrorCategory> errorCategory() {
    return Optional.ofNullable(category);
  }
}
