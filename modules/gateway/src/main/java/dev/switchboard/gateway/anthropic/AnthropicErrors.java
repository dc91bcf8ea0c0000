package dev.switchboard.gateway.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.gateway.openai.OpenAiApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failures of the Messages API in Anthropic's error shape, {@code {"type":"error","error":{"type",
 * "message"}}}, with the status Anthropic uses for each type. A routed call's failure maps by its
 * category: the caller's own mistakes are 4xx; an upstream that is down or overloaded is 529 {@code
 * overloaded_error} (Anthropic's clients retry it); a fault of the upstream's configuration (its
 * key refused, its protocol broken) is 500 {@code api_error}, because the caller cannot fix it.
 */
public final class AnthropicErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnthropicErrors() {}

  /** The Messages API's failure for a routed call's. */
  static AnthropicApiException of(ProviderException e) {
    String message = e.getMessage();
    return switch (e.category()) {
      case BAD_REQUEST, CONTEXT_LENGTH_EXCEEDED, CONTENT_POLICY ->
          new AnthropicApiException(400, "invalid_request_error", message);
      case MODEL_NOT_FOUND -> new AnthropicApiException(404, "not_found_error", message);
      case RATE_LIMITED, QUOTA_EXHAUSTED ->
          new AnthropicApiException(429, "rate_limit_error", message, e.retryAfter().orElse(null));
      case TIMEOUT -> new AnthropicApiException(504, "timeout_error", message);
      case UNAVAILABLE -> new AnthropicApiException(529, "overloaded_error", message);
      case AUTHENTICATION, PERMISSION, UPSTREAM_PROTOCOL ->
          new AnthropicApiException(500, "api_error", message);
    };
  }

  /**
   * The Messages API's failure for a refusal the OpenAI-compatible code raised (the call-context
   * headers are shared by both doors): the same status and message, Anthropic's type.
   */
  static AnthropicApiException of(OpenAiApiException e) {
    String type =
        switch (e.status()) {
          case 401 -> "authentication_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 413 -> "request_too_large";
          case 429 -> "rate_limit_error";
          default -> e.status() >= 500 ? "api_error" : "invalid_request_error";
        };
    return new AnthropicApiException(e.status(), type, e.getMessage());
  }

  /** Anthropic's error object. */
  static ObjectNode error(String type, String message) {
    ObjectNode root = JSON.createObjectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return root;
  }

  /** A Messages API call that failed. */
  @Provider
  public static class Refused implements ExceptionMapper<AnthropicApiException> {
    @Override
    public Response toResponse(AnthropicApiException e) {
      Response.ResponseBuilder b =
          Response.status(e.status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(error(e.type(), e.getMessage()).toString());
      if (e.retryAfter() != null) {
        b.header("retry-after", Math.max(1, e.retryAfter().toSeconds()));
      }
      return b.build();
    }
  }
}
