package dev.switchboard.core.error;

/**
 * What went wrong with a provider call, in terms routing can act on. Each category says whether the
 * same call may succeed if tried again; a provider can override that per error (OpenAI's {@code
 * x-should-retry}).
 */
public enum ErrorCategory {
  /** The credentials were refused. */
  AUTHENTICATION(false),
  /** The credentials are valid but not allowed this model or operation. */
  PERMISSION(false),
  /** The model does not exist or is not available to these credentials. */
  MODEL_NOT_FOUND(false),
  /** The request is invalid for this provider. */
  BAD_REQUEST(false),
  /** The prompt plus the requested output does not fit the model's context window. */
  CONTEXT_LENGTH_EXCEEDED(false),
  /** The provider's content policy refused the input or the output. */
  CONTENT_POLICY(false),
  /** Too many requests or tokens for now; carries the provider's retry-after when given. */
  RATE_LIMITED(true),
  /** The account's quota, credit or billing is exhausted: waiting will not help. */
  QUOTA_EXHAUSTED(false),
  /** No connection, no answer, or no complete answer within a deadline. */
  TIMEOUT(true),
  /** The provider is overloaded, unavailable or failed internally. */
  UNAVAILABLE(true),
  /** The provider's answer broke its own protocol: malformed, truncated, or not what it speaks. */
  UPSTREAM_PROTOCOL(true);

  private final boolean retryable;

  ErrorCategory(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether a call that failed this way may succeed if tried again. */
  public boolean retryable() {
    return retryable;
  }
}
