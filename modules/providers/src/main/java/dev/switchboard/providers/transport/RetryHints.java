package dev.switchboard.providers.transport;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a response's headers say about retrying: {@code retry-after-ms} (OpenAI, preferred as the
 * more precise), {@code Retry-After} as seconds or an HTTP date, and {@code x-should-retry}.
 *
 * @param retryAfter the wait asked for, if any
 * @param shouldRetry the provider's explicit verdict, if any
 */
public record RetryHints(Optional<Duration> retryAfter, Optional<Boolean> shouldRetry) {

  public static final RetryHints NONE = new RetryHints(Optional.empty(), Optional.empty());

  public static RetryHints from(HttpHeaders headers, Instant now) {
    Optional<Duration> wait =
        headers
            .firstValue("retry-after-ms")
            .flatMap(RetryHints::parseMillis)
            .or(() -> headers.firstValue("retry-after").flatMap(v -> parseRetryAfter(v, now)));
    Optional<Boolean> verdict =
        headers
            .firstValue("x-should-retry")
            .map(String::strip)
            .filter(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))
            .map(Boolean::parseBoolean);
    return new RetryHints(wait, verdict);
  }

  static Optional<Duration> parseMillis(String value) {
    try {
      double ms = Double.parseDouble(value.strip());
      return ms >= 0 && Double.isFinite(ms)
          ? Optional.of(Duration.ofNanos((long) (ms * 1_000_000)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110); a past date means now. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds >= 0 && Double.isFinite(seconds)
          ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
