package dev.switchboard.client.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gateway's error shapes (OpenAiErrors in the gateway) map back to their categories. */
class GatewayErrorsTest {

  @Test
  void eachShapeTheGatewayWritesMapsBackToItsCategory() {
    assertThat(category(400, "invalid_request_error", null)).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(category(400, "invalid_request_error", "context_length_exceeded"))
        .isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    assertThat(category(400, "invalid_request_error", "content_filter"))
        .isEqualTo(ErrorCategory.CONTENT_POLICY);
    assertThat(category(401, "invalid_request_error", "invalid_api_key"))
        .isEqualTo(ErrorCategory.AUTHENTICATION);
    assertThat(category(404, "invalid_request_error", "model_not_found"))
        .isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(category(413, "invalid_request_error", "request_too_large"))
        .isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(category(429, "rate_limit_exceeded", "rate_limit_exceeded"))
        .isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(category(429, "insufficient_quota", "insufficient_quota"))
        .isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
    assertThat(category(504, "timeout", "upstream_timeout")).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(category(503, "service_unavailable", "upstream_unavailable"))
        .isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(category(502, "upstream_error", "upstream_error"))
        .isEqualTo(ErrorCategory.UNAVAILABLE);
  }

  @Test
  void anErrorEventInAStreamHasNoStatusAndItsTypeDecides() {
    assertThat(category(0, "service_unavailable", "upstream_unavailable"))
        .isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(category(0, "server_error", "server_error")).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(category(0, "invalid_request_error", null)).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(category(0, "timeout", "upstream_timeout")).isEqualTo(ErrorCategory.TIMEOUT);
  }

  @Test
  void theMessageCodeStatusAndRetryAfterAreKept() {
    JsonObject error =
        Json.createObjectBuilder()
            .add("message", "slow down")
            .add("type", "rate_limit_exceeded")
            .add("code", "rate_limit_exceeded")
            .build();

    ProviderException e = GatewayErrors.of(429, error, "3");

    assertThat(e.getMessage()).isEqualTo("slow down");
    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.providerCode()).hasValue("rate_limit_exceeded");
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(3));
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerId()).isEqualTo("switchboard");
  }

  @Test
  void aBodyThatIsNotOpenAisShapeIsAProtocolErrorUnlessTheStatusSaysMore() {
    assertThat(GatewayErrors.of(404, null, null).category())
        .isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(GatewayErrors.of(502, null, null).category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(GatewayErrors.of(401, null, null).category())
        .isEqualTo(ErrorCategory.AUTHENTICATION);
  }

  private static ErrorCategory category(int status, String type, String code) {
    var b = Json.createObjectBuilder().add("message", "m").add("type", type);
    if (code == null) {
      b.addNull("code");
    } else {
      b.add("code", code);
    }
    return GatewayErrors.of(status, b.build(), null).category();
  }
}
