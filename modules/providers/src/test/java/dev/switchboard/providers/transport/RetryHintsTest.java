package dev.switchboard.providers.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryHintsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void retryAfterSecondsIsParsed() {
    assertThat(hints(Map.of("retry-after", "2")).retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterHttpDateIsTheTimeUntilThatDate() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
    assertThat(hints(Map.of("retry-after", date)).retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void retryAfterDateInThePastMeansNow() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atOffset(ZoneOffset.UTC));
    assertThat(hints(Map.of("retry-after", date)).retryAfter()).contains(Duration.ZERO);
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    assertThat(hints(Map.of("retry-after", "2", "retry-after-ms", "1500")).retryAfter())
        .contains(Duration.ofMillis(1500));
  }

  @Test
  void garbageRetryAfterIsIgnored() {
    assertThat(hints(Map.of("retry-after", "soon")).retryAfter()).isEmpty();
    assertThat(hints(Map.of("retry-after", "-3")).retryAfter()).isEmpty();
  }

  @Test
  void shouldRetryHeaderIsReadAsAVerdict() {
    assertThat(hints(Map.of("x-should-retry", "false")).shouldRetry()).contains(false);
    assertThat(hints(Map.of("x-should-retry", "true")).shouldRetry()).contains(true);
    assertThat(hints(Map.of("x-should-retry", "maybe")).shouldRetry()).isEmpty();
  }

  private static RetryHints hints(Map<String, String> headers) {
    Map<String, List<String>> multi = new java.util.HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return RetryHints.from(HttpHeaders.of(multi, (a, b) -> true), NOW);
  }
}
