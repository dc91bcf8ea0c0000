package dev.switchboard.client.wire;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * The gateway's OpenAI-shaped errors back to {@link ProviderException}s, the one failure type of
 * {@code LlmRouter}. The code decides where it is precise ({@code context_length_exceeded}, {@code
 * insufficient_quota}, {@code model_not_found}...), else the HTTP status. The gateway's {@code 502
 * upstream_error} (its providers refused its credentials or broke their protocol) becomes {@code
 * UNAVAILABLE}: nothing the calling application can fix; a {@code 401} is the application's own
 * gateway key.
 */
public final class GatewayErrors {

  /** The provider id of failures the gateway or the connection to it reports. */
  public static final String PROVIDER = "switchboard";

  private GatewayErrors() {}

  /**
   * An error answer.
   *
   * @param status the HTTP status, or 0 for an {@code error} event inside a stream
   * @param error the {@code error} object, or {@code null} when the body was not OpenAI's shape
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   */
  public static ProviderException of(int status, JsonObject error, String retryAfter) {
    String type = error == null ? null : string(error, "type");
    String code = error == null ? null : string(error, "code");
    String message = error == null ? null : string(error, "message");
    ErrorCategory category = error == null ? unshaped(status) : category(status, type, code);
    if (message == null) {
      message =
          error == null
              ? "the gateway answered HTTP " + status + " without an OpenAI error object"
              : "the gateway answered HTTP " + status;
    }
    return ProviderException.builder(category, message)
        .provider(PROVIDER)
        .httpStatus(status)
        .providerCode(code != null ? code : type)
        .retryAfter(seconds(retryAfter))
        .build();
  }

  static ErrorCategory category(int status, String type, String code) {
    String clue =
        ((code == null ? "" : code) + " " + (type == null ? "" : type)).toLowerCase(Locale.ROOT);
    if (clue.contains("insufficient_quota")) {
      return ErrorCategory.QUOTA_EXHAUSTED;
    }
    if (clue.contains("context_length_exceeded")) {
      return ErrorCategory.CONTEXT_LENGTH_EXCEEDED;
    }
    if (clue.contains("content_filter") || clue.contains("content_policy")) {
      return ErrorCategory.CONTENT_POLICY;
    }
    if (clue.contains("model_not_found")) {
      return ErrorCategory.MODEL_NOT_FOUND;
    }
    if (clue.contains("invalid_api_key")) {
      return ErrorCategory.AUTHENTICATION;
    }
    if (clue.contains("rate_limit")) {
      return ErrorCategory.RATE_LIMITED;
    }
    if (clue.contains("timeout")) {
      return ErrorCategory.TIMEOUT;
    }
    return status == 0 ? inStream(clue) : byStatus(status);
  }

  private static ErrorCategory byStatus(int status) {
    return switch (status) {
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 402 -> ErrorCategory.QUOTA_EXHAUSTED;
      case 403 -> ErrorCategory.PERMISSION;
      case 404 -> ErrorCategory.MODEL_NOT_FOUND;
      case 408, 504 -> ErrorCategory.TIMEOUT;
      case 429 -> ErrorCategory.RATE_LIMITED;
      default -> status >= 500 ? ErrorCategory.UNAVAILABLE : ErrorCategory.BAD_REQUEST;
    };
  }

  /** A stream's error event has no status: a caller error says so in its type. */
  private static ErrorCategory inStream(String clue) {
    return clue.contains("invalid_request") ? ErrorCategory.BAD_REQUEST : ErrorCategory.UNAVAILABLE;
  }

  /** Not the gateway's shape: a proxy's page, or a URL that is not a Switchboard gateway. */
  private static ErrorCategory unshaped(int status) {
    return switch (status) {
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 403 -> ErrorCategory.PERMISSION;
      case 408, 504 -> ErrorCategory.TIMEOUT;
      case 429 -> ErrorCategory.RATE_LIMITED;
      case 502, 503 -> ErrorCategory.UNAVAILABLE;
      default -> ErrorCategory.UPSTREAM_PROTOCOL;
    };
  }

  /** A failure to reach the gateway or to read its answer. */
  public static ProviderException connection(Throwable failure, boolean midResponse) {
    Throwable t =
        failure instanceof ProcessingException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
      return local(ErrorCategory.TIMEOUT, "read_timeout", "no answer from the gateway in time", t);
    }
    if (t instanceof ConnectException || t instanceof UnknownHostException) {
      String message = "could not connect to the gateway";
      return local(ErrorCategory.UNAVAILABLE, "connect_failed", message, t);
    }
    return local(
        ErrorCategory.UNAVAILABLE,
        "connection_lost",
        midResponse ? "connection to the gateway lost mid-response" : "gateway call failed",
        t);
  }

  /** The gateway's answer broke the OpenAI wire (malformed JSON, a stream cut before its end). */
  public static ProviderException protocol(String code, String message, Throwable cause) {
    return local(ErrorCategory.UPSTREAM_PROTOCOL, code, message, cause);
  }

  /** A request this client cannot send, refused before any call. */
  public static ProviderException badRequest(String code, String message, Throwable cause) {
    return local(ErrorCategory.BAD_REQUEST, code, message, cause);
  }

  private static ProviderException local(
      ErrorCategory category, String code, String message, Throwable cause) {
    return ProviderException.builder(category, message)
        .provider(PROVIDER)
        .providerCode(code)
        .cause(cause)
        .build();
  }

  private static Duration seconds(String retryAfter) {
    if (retryAfter == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String string(JsonObject o, String field) {
    JsonValue v = o.get(field);
    return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(field) : null;
  }
}
