package dev.switchboard.providers;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of {@link ProviderAdapter#testConnection}: each step that passed, how long it took,
 * and why it stopped if it did.
 *
 * @param reachable the provider answered over HTTP
 * @param authenticated it accepted the credentials
 * @param modelAccessible the model exists and these credentials may use it
 * @param latency the round trip of the test call
 * @param failure the failure's category, or {@code null} when all passed
 * @param message a sanitized explanation for people
 */
public record ConnectionTestResult(
    boolean reachable,
    boolean authenticated,
    boolean modelAccessible,
    Duration latency,
    ErrorCategory failure,
    String message) {

  public static ConnectionTestResult passed(Duration latency) {
    return new ConnectionTestResult(true, true, true, latency, null, "ok");
  }

  /** What a failed test call says about each step. */
  public static ConnectionTestResult failed(ProviderException error, Duration latency) {
    ErrorCategory c = error.category();
    boolean reachable =
        error.httpStatus() > 0 && c != ErrorCategory.UPSTREAM_PROTOCOL
            || c == ErrorCategory.AUTHENTICATION;
    boolean authenticated =
        reachable && c != ErrorCategory.AUTHENTICATION && c != ErrorCategory.QUOTA_EXHAUSTED;
    boolean model =
        authenticated
            && c != ErrorCategory.MODEL_NOT_FOUND
            && c != ErrorCategory.PERMISSION
            && c != ErrorCategory.BAD_REQUEST;
    return new ConnectionTestResult(
        reachable, authenticated, model, latency, c, error.getMessage());
  }

  public boolean ok() {
    return failure == null;
  }

  public Optional<ErrorCategory> failureCategory() {
    return Optional.ofNullable(failure);
  }
}
