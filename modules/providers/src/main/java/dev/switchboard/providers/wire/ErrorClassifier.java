package dev.switchboard.providers.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.transport.ErrorTranslator;
import dev.switchboard.providers.transport.RetryHints;
import dev.switchboard.providers.transport.UpstreamError;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps provider errors to categories. Each adapter extracts its wire's message and code ({@link
 * Detail}); the rules here are shared because providers agree far more than they differ: the status
 * decides, except where the code or message names something more precise (quota versus rate limit,
 * context length and content policy inside a 400).
 */
public final class ErrorClassifier {

  /**
   * What a provider's error body says.
   *
   * @param message its human message
   * @param code its machine code or type, e.g. {@code insufficient_quota}, {@code
   *     overloaded_error}, {@code RESOURCE_EXHAUSTED}
   * @param retryAfter a wait the body states (Gemini's {@code RetryInfo}), or {@code null}; a
   *     header's wins
   */
  public record Detail(String message, String code, Duration retryAfter) {
    public Detail(String message, String code) {
      this(message, code, null);
    }
  }

  private ErrorClassifier() {}

  /** An error translator for a wire whose error bodies {@code extract} reads (null: unreadable). */
  public static ErrorTranslator translator(Function<JsonNode, Detail> extract) {
    return error -> classify(error, read(error, extract));
  }

  private static Detail read(UpstreamError error, Function<JsonNode, Detail> extract) {
    try {
      JsonNode body = Json.parse(error.body());
      return extract.apply(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static ProviderException classify(UpstreamError error, Detail detail) {
    int status = error.status();
    ErrorCategory category;
    String message;
    if (detail == null) {
      category = status >= 500 ? ErrorCategory.UPSTREAM_PROTOCOL : byStatus(status, "");
      message =
          "upstream answered HTTP "
              + status
              + " with an unreadable body ("
              + mediaType(error)
              + ")";
    } else {
      String clues = clues(detail);
      category = refine(byStatus(status, clues), clues);
      message = detail.message() == null ? "upstream answered HTTP " + status : detail.message();
    }
    RetryHints hints = error.retryHints();
    ProviderException.Builder b =
        ProviderException.builder(category, message)
            .provider(error.providerId())
            .httpStatus(status)
            .providerCode(detail == null ? null : detail.code())
            .redact(error.secrets());
    if (category == ErrorCategory.RATE_LIMITED || category == ErrorCategory.UNAVAILABLE) {
      hints
          .retryAfter()
          .or(() -> Optional.ofNullable(detail == null ? null : detail.retryAfter()))
          .ifPresent(b::retryAfter);
    }
    hints.shouldRetry().ifPresent(b::retryable);
    return b.build();
  }

  /** An error event inside a stream that had answered 200. */
  public static ProviderException midStream(
      String providerId, Detail detail, List<String> secrets) {
    String clues = clues(detail);
    ErrorCategory category = refine(ErrorCategory.UNAVAILABLE, clues);
    if (clues.contains("invalid_request")) {
      category = ErrorCategory.BAD_REQUEST;
    }
    return ProviderException.builder(
            category, detail.message() == null ? "error event in stream" : detail.message())
        .provider(providerId)
        .providerCode(detail.code())
        .redact(secrets)
        .build();
  }

  private static ErrorCategory byStatus(int status, String clues) {
    return switch (status) {
      case 400, 409, 413, 422 -> ErrorCategory.BAD_REQUEST;
      case 401 -> ErrorCategory.AUTHENTICATION;
      case 402 -> ErrorCategory.QUOTA_EXHAUSTED;
      case 403 -> ErrorCategory.PERMISSION;
      case 404 ->
          clues.isEmpty() || clues.contains("model") || clues.contains("deployment")
              ? ErrorCategory.MODEL_NOT_FOUND
              : ErrorCategory.BAD_REQUEST;
      case 408, 504 -> ErrorCategory.TIMEOUT;
      case 429 -> ErrorCategory.RATE_LIMITED;
      default -> status >= 500 ? ErrorCategory.UNAVAILABLE : ErrorCategory.BAD_REQUEST;
    };
  }

  /** A category the error body's code or message names, whatever the status said. */
  private record Clue(ErrorCategory category, List<String> needles) {}

  /**
   * First match wins. Quota needs an explicit code: Gemini words its per-minute 429 "exceeded your
   * current quota ... billing details", which is a rate limit, not an empty account.
   */
  private static final List<Clue> CLUES =
      List.of(
          new Clue(
              ErrorCategory.QUOTA_EXHAUSTED,
              List.of(
                  "insufficient_quota", "billing_error", "billing_not_active", "credit balance")),
          new Clue(
              ErrorCategory.AUTHENTICATION,
              List.of(
                  "api key not valid",
                  "api_key_invalid",
                  "invalid api key",
                  "invalid_api_key",
                  "authentication_error",
                  "unauthenticated")),
          new Clue(
              ErrorCategory.CONTEXT_LENGTH_EXCEEDED,
              List.of(
                  "context_length",
                  "context length",
                  "context window",
                  "prompt is too long",
                  "maximum context",
                  "too many tokens",
                  "input token count",
                  "exceeds the context")),
          new Clue(
              ErrorCategory.CONTENT_POLICY,
              List.of(
                  "content_filter",
                  "content_policy",
                  "content management policy",
                  "responsibleaipolicyviolation",
                  "safety")),
          new Clue(
              ErrorCategory.RATE_LIMITED, List.of("rate_limit", "rate limit", "too many requests")),
          new Clue(ErrorCategory.UNAVAILABLE, List.of("overloaded")));

  private static ErrorCategory refine(ErrorCategory byStatus, String clues) {
    for (Clue clue : CLUES) {
      boolean quotaStays =
          clue.category() == ErrorCategory.RATE_LIMITED
              && byStatus == ErrorCategory.QUOTA_EXHAUSTED;
      if (!quotaStays && clue.needles().stream().anyMatch(clues::contains)) {
        return clue.category();
      }
    }
    if (byStatus == ErrorCategory.BAD_REQUEST
        && (clues.contains("model_not_found") || clues.contains("not_found_error"))) {
      return ErrorCategory.MODEL_NOT_FOUND;
    }
    return byStatus;
  }

  private static String clues(Detail d) {
    return ((d.code() == null ? "" : d.code()) + " " + (d.message() == null ? "" : d.message()))
        .toLowerCase(Locale.ROOT)
        .strip();
  }

  private static String mediaType(UpstreamError error) {
    String type = error.contentType();
    int semicolon = type.indexOf(';');
    type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return type.matches("[A-Za-z0-9.+/-]{1,60}") ? type : "unknown content type";
  }
}
