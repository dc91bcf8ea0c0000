package dev.switchboard.gateway.anthropic;

import java.time.Duration;

/**
 * A Messages API call that fails, with what Anthropic's error object says: the HTTP status and the
 * error {@code type} ({@code invalid_request_error}, {@code not_found_error}, ...), and for a 429
 * when to try again.
 */
public class AnthropicApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final transient Duration retryAfter;

  public AnthropicApiException(int status, String type, String message) {
    this(status, type, message, null);
  }

  public AnthropicApiException(int status, String type, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.type = type;
    this.retryAfter = retryAfter;
  }

  /** A 400 {@code invalid_request_error}: the message names the field and what is wrong. */
  static AnthropicApiException invalid(String message) {
    return new AnthropicApiException(400, "invalid_request_error", message);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  /** When the caller may try again, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
