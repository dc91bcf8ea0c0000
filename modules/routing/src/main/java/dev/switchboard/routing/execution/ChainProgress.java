package dev.switchboard.routing.execution;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.deadline.Deadline;

/**
 * What one call has learnt while walking its chain: the last provider failure (the meaningful one
 * to report), the last refusal by a circuit or limit, and the context window a prompt has already
 * been too long for. Used by one thread at a time.
 */
final class ChainProgress {

  private final long promptTokens;
  private ProviderException lastFailure;
  private String lastFailureIntegration;
  private ProviderException lastRefusal;
  private long exceededWindow = -1;

  ChainProgress(long promptTokens) {
    this.promptTokens = promptTokens;
  }

  /** Whether the prompt may fit the deployment's context, from what is known so far. */
  boolean fits(Deployment d) {
    if (d.tooSmallFor(promptTokens)) {
      return false;
    }
    return exceededWindow <= 0 || d.contextWindow() == 0 || d.contextWindow() > exceededWindow;
  }

  void failed(Deployment d, ProviderException e) {
    lastFailure = e;
    lastFailureIntegration = d.integrationId();
    if (e.category() == ErrorCategory.CONTEXT_LENGTH_EXCEEDED) {
      exceededWindow = Math.max(exceededWindow, d.contextWindow());
    }
  }

  void refused(ProviderException e) {
    lastRefusal = e;
  }

  /** The error a call that found no deployment to serve it fails with. */
  ProviderException exhausted(Deadline deadline, Attempts attempts) {
    long calls = attempts.calls();
    if (deadline.expired()) {
      return ProviderException.builder(
              ErrorCategory.TIMEOUT,
              "the call's deadline passed after " + calls + " upstream call(s)" + lastSaid())
          .providerCode("deadline_exceeded")
          .cause(lastFailure)
          .build();
    }
    if (lastFailure != null) {
      return ProviderException.builder(
              lastFailure.category(),
              "all deployments failed (" + calls + " upstream call(s))" + lastSaid())
          .provider(lastFailure.providerId())
          .httpStatus(lastFailure.httpStatus())
          .providerCode(lastFailure.providerCode().orElse(null))
          .retryAfter(lastFailure.retryAfter().orElse(null))
          .retryable(lastFailure.retryable())
          .cause(lastFailure)
          .build();
    }
    if (lastRefusal != null) {
      // a rate limit keeps its category and Retry-After: the caller may retry when it resets
      boolean rateLimited = lastRefusal.category() == ErrorCategory.RATE_LIMITED;
      return ProviderException.builder(
              rateLimited ? ErrorCategory.RATE_LIMITED : ErrorCategory.UNAVAILABLE,
              "all deployments unavailable (circuit open, rate or concurrency limit reached);"
                  + " last: "
                  + lastRefusal.getMessage())
          .providerCode(lastRefusal.providerCode().orElse(null))
          .retryAfter(lastRefusal.retryAfter().orElse(null))
          .cause(lastRefusal)
          .build();
    }
    return ProviderException.builder(
            ErrorCategory.CONTEXT_LENGTH_EXCEEDED,
            "the prompt (about " + promptTokens + " tokens) fits no deployment's context window")
        .providerCode("context_length_exceeded")
        .build();
  }

  private String lastSaid() {
    return lastFailure == null
        ? ""
        : "; last from integration " + lastFailureIntegration + ": " + lastFailure.getMessage();
  }
}
