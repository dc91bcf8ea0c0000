package dev.switchboard.routing.execution;

/** How one attempt at one deployment ended, or why the deployment was not tried. */
public enum Outcome {
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** Its integration's circuit refused the call. */
  SKIPPED_CIRCUIT_OPEN,
  /** Its integration had every concurrent slot in use. */
  SKIPPED_CONCURRENCY_LIMIT,
  /** Its context window is known to be too small for the prompt. */
  SKIPPED_CONTEXT_WINDOW,
  /** The call's deadline had passed. */
  SKIPPED_DEADLINE,
  /** Its integration's requests-per-minute allowance was spent (across the cluster). */
  SKIPPED_RATE_LIMITED;

  /** Whether the deployment was actually called. */
  public boolean called() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
