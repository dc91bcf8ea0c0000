package dev.switchboard.routing.circuit;

import dev.switchboard.core.error.ProviderException;

/**
 * Whether a provider error says something about the provider's health. Only errors that say the
 * provider is failing count toward opening a circuit: timeouts, 5xx/overloaded, protocol breaks and
 * rate limiting (the provider is refusing work; the circuit lets the route fall back instead of
 * hammering it). Errors of the caller or of the integration's configuration do not: a bad request,
 * a prompt too long, a content-policy refusal, a refused key or permission, an unknown model, and
 * an exhausted quota or billing account. None of these is cured by waiting an open period, and an
 * open circuit would hide their real message behind "circuit open".
 */
public enum FailureKind {
  /** Counts toward opening the circuit. */
  PROVIDER_FAILURE,
  /** Leaves the circuit as it is. */
  NOT_COUNTED;

  public static FailureKind of(ProviderException error) {
    return switch (error.category()) {
      case TIMEOUT, UNAVAILABLE, UPSTREAM_PROTOCOL, RATE_LIMITED -> PROVIDER_FAILURE;
      case AUTHENTICATION,
          PERMISSION,
          MODEL_NOT_FOUND,
          BAD_REQUEST,
          CONTEXT_LENGTH_EXCEEDED,
          CONTENT_POLICY,
          QUOTA_EXHAUSTED ->
          NOT_COUNTED;
    };
  }
}
