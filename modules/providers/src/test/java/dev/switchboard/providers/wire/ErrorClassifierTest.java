package dev.switchboard.providers.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.transport.RetryHints;
import dev.switchboard.providers.transport.UpstreamError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  private static final Function<JsonNode, ErrorClassifier.Detail> OPENAI =
      b ->
          new ErrorClassifier.Detail(
              Json.str(b.path("error"), "message"),
              Json.str(b.path("error"), "code") != null
                  ? Json.str(b.path("error"), "code")
                  : Json.str(b.path("error"), "type"));
  private static final Function<JsonNode, ErrorClassifier.Detail> ANTHROPIC =
      b ->
          new ErrorClassifier.Detail(
              Json.str(b.path("error"), "message"), Json.str(b.path("error"), "type"));

  @Test
  void openAiInsufficientQuotaIsQuotaExhaustedAndNotRetryable() {
    ProviderException e =
        classify(
            OPENAI,
            429,
            "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
                + "\"code\":\"insufficient_quota\"}}",
            Map.of("retry-after", "2"));
    assertThat(e.category()).isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  void rateLimitCarriesRetryAfter() {
    ProviderException e =
        classify(
            OPENAI,
            429,
            "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}",
            Map.of("retry-after-ms", "250"));
    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(250));
  }

  @Test
  void shouldRetryFalseOverridesARetryableCategory() {
    ProviderException e =
        classify(
            OPENAI, 503, "{\"error\":{\"message\":\"busy\"}}", Map.of("x-should-retry", "false"));
    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void anthropicOverloadedIsUnavailableAndRetryable() {
    ProviderException e =
        classify(
            ANTHROPIC,
            529,
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            Map.of());
    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anthropicBillingErrorIsQuotaExhausted() {
    ProviderException e =
        classify(
            ANTHROPIC,
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"credit low\"}}",
            Map.of());
    assertThat(e.category()).isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
  }

  @Test
  void contextLengthInsideA400IsRecognised() {
    ProviderException e =
        classify(
            OPENAI,
            400,
            "{\"error\":{\"message\":\"This model's maximum context length is 50 tokens.\","
                + "\"code\":\"context_length_exceeded\"}}",
            Map.of());
    assertThat(e.category()).isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
  }

  @Test
  void contentFilterIsContentPolicy() {
    ProviderException e =
        classify(
            OPENAI,
            400,
            "{\"error\":{\"message\":\"filtered\",\"code\":\"content_filter\"}}",
            Map.of());
    assertThat(e.category()).isEqualTo(ErrorCategory.CONTENT_POLICY);
  }

  @Test
  void statusesMapToTheirCategories() {
    String body = "{\"error\":{\"message\":\"x\"}}";
    assertThat(classify(OPENAI, 401, body, Map.of()).category())
        .isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(classify(OPENAI, 403, body, Map.of()).category())
        .isEqualTo(ErrorCategory.PERMISSION);
    assertThat(
            classify(
                    OPENAI,
                    404,
                    "{\"error\":{\"message\":\"The model x does not exist\"}}",
                    Map.of())
                .category())
        .isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(classify(OPENAI, 400, body, Map.of()).category())
        .isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(classify(OPENAI, 504, body, Map.of()).category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(classify(OPENAI, 500, body, Map.of()).category())
        .isEqualTo(ErrorCategory.UNAVAILABLE);
  }

  @Test
  void html502IsUpstreamProtocolAndTheBodyIsNotEchoed() {
    String html = "<html><body><h1>502 Bad Gateway</h1>nginx secret-internal-host</body></html>";
    ProviderException e = classify(OPENAI, 502, html, Map.of("content-type", "text/html"));
    assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(e.getMessage())
        .contains("502")
        .contains("text/html")
        .doesNotContain("<html")
        .doesNotContain("secret-internal-host");
  }

  @Test
  void echoedKeyIsMaskedInTheMessage() {
    ProviderException e =
        classify(
            OPENAI,
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: canary-key-1234.\"}}",
            Map.of());
    assertThat(e.getMessage()).doesNotContain("canary-key-1234");
  }

  @Test
  void midStreamOverloadIsUnavailable() {
    ProviderException e =
        ErrorClassifier.midStream(
            "anthropic", new ErrorClassifier.Detail("Overloaded", "overloaded_error"), List.of());
    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.httpStatus()).isZero();
  }

  private static ProviderException classify(
      Function<JsonNode, ErrorClassifier.Detail> extract,
      int status,
      String body,
      Map<String, String> headers) {
    Map<String, List<String>> multi = new HashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    HttpHeaders h = HttpHeaders.of(multi, (a, b) -> true);
    UpstreamError error =
        new UpstreamError(
            "test",
            status,
            h,
            body.getBytes(StandardCharsets.UTF_8),
            RetryHints.from(h, Instant.now()),
            List.of("canary-key-1234"));
    return ErrorClassifier.translator(extract).translate(error);
  }
}
