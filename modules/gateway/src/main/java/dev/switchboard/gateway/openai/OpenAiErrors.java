package dev.switchboard.gateway.openai;

import dev.switchboard.core.error.ProviderException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Failures of the OpenAI-compatible API in OpenAI's error shape, with the matching status. */
public final class OpenAiErrors {

  private OpenAiErrors() {}

  /** Status, type and code of a routed call's failure. */
  public record Shape(int status, String type, String code) {}

  public static Shape of(ProviderException e) {
    String code = e.providerCode().orElse(null);
    return switch (e.category()) {
      case BAD_REQUEST, CONTENT_POLICY -> new Shape(400, "invalid_request_error", code);
      case CONTEXT_LENGTH_EXCEEDED ->
          new Shape(400, "invalid_request_error", "context_length_exceeded");
      case MODEL_NOT_FOUND -> new Shape(404, "invalid_request_error", "model_not_found");
      case RATE_LIMITED -> new Shape(429, "rate_limit_exceeded", "rate_limit_exceeded");
      case QUOTA_EXHAUSTED -> new Shape(429, "insufficient_quota", "insufficient_quota");
      case TIMEOUT -> new Shape(504, "timeout", "upstream_timeout");
      case UNAVAILABLE -> new Shape(503, "service_unavailable", "upstream_unavailable");
      case AUTHENTICATION, PERMISSION, UPSTREAM_PROTOCOL ->
          new Shape(502, "upstream_error", "upstream_error");
    };
  }

  /** A routed call that failed. */
  @Provider
  public static class Routed implements ExceptionMapper<ProviderException> {
    @Override
    public Response toResponse(ProviderException e) {
      Shape s = of(e);
      Response.ResponseBuilder b =
          Response.status(s.status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(ChatCompletionWriter.error(e.getMessage(), s.type(), null, s.code()));
      e.retryAfter().ifPresent(d -> b.header("Retry-After", Math.max(1, d.toSeconds())));
      return b.build();
    }
  }

  /** The router's own bulkhead is full, or its backstop timeout passed: 503, retry later. */
  @Provider
  public static class RouterBusy
      implements ExceptionMapper<
          org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException> {
    @Override
    public Response toResponse(
        org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
      boolean timeout =
          e instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
      return Response.status(timeout ? 504 : 503)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", 1)
          .entity(
              ChatCompletionWriter.error(
                  timeout
                      ? "The router gave up on the call after its backstop timeout."
                      : "The gateway is at its concurrent call limit; retry shortly.",
                  timeout ? "timeout" : "service_unavailable",
                  null,
                  timeout ? "router_timeout" : "router_busy"))
          .build();
    }
  }

  /** A request refused before any upstream call. */
  @Provider
  public static class Refused implements ExceptionMapper<OpenAiApiException> {
    @Override
    public Response toResponse(OpenAiApiException e) {
      return Response.status(e.status())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ChatCompletionWriter.error(e.getMessage(), e.type(), e.param(), e.code()))
          .build();
    }
  }
}
