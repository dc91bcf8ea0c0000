package dev.switchboard.gateway.anthropic;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.gateway.openai.CallContextHeaders;
import dev.switchboard.gateway.openai.OpenAiApiException;
import dev.switchboard.gateway.openai.PromptEcho;
import dev.switchboard.gateway.openai.SseRelay;
import dev.switchboard.gateway.security.GatewayAuthentication;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import dev.switchboard.routing.router.ClusterRateLimits;
import dev.switchboard.routing.router.Router;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}, Anthropic-compatible: the
 * same key, call-context headers, key limits and router as {@code /v1/chat/completions} (no
 * database read per call), bad input refused before any upstream call, a stream passed on event by
 * event, every failure in Anthropic's error shape. One application-scoped bean: the request comes
 * as a parameter and the configuration is read once, not per call.
 */
@Path("v1/messages")
@ApplicationScoped
@Tag(name = "Anthropic-compatible")
// the key is checked by GatewayAuthentication, which lets only valid keys through to /v1
@PermitAll
public class MessagesResource {

  /** The largest request body accepted. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Names what the request carried that the gateway dropped (see docs/api.md). */
  static final String DROPPED_HEADER = "x-switchboard-dropped";

  @Inject LlmRouter router;
  @Inject ClusterRateLimits limits;

  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "switchboard.routing.deadline-seconds",
      defaultValue = "120")
  long deadlineSeconds;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, "text/event-stream"})
  @Operation(summary = "Create a message (model: provider/model), streaming or not")
  public Response create(InputStream body, @Context HttpServletRequest request) throws IOException {
    ApiKeyCaller caller = caller(request);
    MessagesRequest parsed = MessagesParser.parse(read(body));
    CallContext context =
        anthropic(() -> context(caller, request)).withVariables(parsed.variables());
    if (parsed.stream()) {
      String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
      return stream(parsed, withRequestId(context, requestId), requestId);
    }
    RoutedChat r = routed(parsed, () -> router.chat(parsed.request(), context));
    String model = parsed.request().model();
    return withDropped(
            Response.ok(
                MessageWriter.message("msg_" + r.requestId(), model, r.response()).toString(),
                MediaType.APPLICATION_JSON),
            parsed)
        .header("request-id", r.requestId())
        .header("x-request-id", r.requestId())
        .header("x-switchboard-provider", r.provider())
        .header("x-switchboard-model", r.model())
        .header("x-switchboard-attempts", r.attempts())
        .build();
  }

  @POST
  @Path("count_tokens")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Estimate a message request's input tokens, without calling a provider")
  public Response countTokens(InputStream body, @Context HttpServletRequest request)
      throws IOException {
    caller(request);
    MessagesRequest parsed = MessagesParser.parseCount(read(body));
    String json =
        MessageWriter.JSON
            .createObjectNode()
            .put("input_tokens", TokenEstimate.inputTokens(parsed.request()))
            .toString();
    return withDropped(Response.ok(json, MediaType.APPLICATION_JSON), parsed).build();
  }

  private Response stream(MessagesRequest parsed, CallContext context, String requestId) {
    MessagesFraming framing = new MessagesFraming("msg_" + requestId, parsed.request().model());
    SseRelay relay =
        routed(
            parsed,
            () ->
                SseRelay.start(
                    router,
                    parsed.request(),
                    context,
                    framing,
                    Duration.ofSeconds(deadlineSeconds + 5),
                    SseRelay.Limits.DEFAULTS));
    SseRelay.ServedBy served = relay.servedBy();
    Response.ResponseBuilder b =
        withDropped(Response.ok(relay, "text/event-stream"), parsed)
            .header("Cache-Control", "no-cache")
            .header("request-id", requestId)
            .header("x-request-id", requestId);
    if (served.provider() != null) {
      b.header("x-switchboard-provider", served.provider())
          .header("x-switchboard-model", served.model())
          .header("x-switchboard-attempts", served.attempts());
    }
    return b.build();
  }

  /** The key's caller and its per-minute limits, then the call context from the headers. */
  private CallContext context(ApiKeyCaller caller, HttpServletRequest request) {
    try {
      limits.admitKey(caller.keyId(), caller.requestsPerMinute(), caller.tokensPerMinute());
    } catch (ProviderException e) {
      throw AnthropicErrors.of(e); // the key's own limit: nothing of the prompt in it
    }
    return CallContextHeaders.of(caller, request::getHeader);
  }

  private static ApiKeyCaller caller(HttpServletRequest request) {
    if (request.getAttribute(GatewayAuthentication.CALLER_ATTRIBUTE) instanceof ApiKeyCaller c) {
      return c;
    }
    throw new AnthropicApiException(
        401, "authentication_error", "You didn't provide an API key: use x-api-key: <key>.");
  }

  /** Runs a routed call, its failure in Anthropic's shape with the prompt kept out of it. */
  private static <T> T routed(MessagesRequest parsed, Supplier<T> call) {
    try {
      return anthropic(call);
    } catch (ProviderException e) {
      throw AnthropicErrors.of(PromptEcho.redacted(e, parsed.request()));
    }
  }

  /** The shared code's refusals (OpenAI-shaped, the router's busy signal) in Anthropic's shape. */
  private static <T> T anthropic(Supplier<T> call) {
    try {
      return call.get();
    } catch (OpenAiApiException e) {
      throw AnthropicErrors.of(e);
    } catch (TimeoutException e) {
      throw new AnthropicApiException(
          504, "timeout_error", "The router gave up on the call after its backstop timeout.");
    } catch (FaultToleranceException e) {
      throw new AnthropicApiException(
          529,
          "overloaded_error",
          "The gateway is at its concurrent call limit; retry shortly.",
          Duration.ofSeconds(1));
    }
  }

  private static Response.ResponseBuilder withDropped(
      Response.ResponseBuilder b, MessagesRequest parsed) {
    if (!parsed.dropped().isEmpty()) {
      b.header(DROPPED_HEADER, String.join(",", new java.util.TreeSet<>(parsed.dropped())));
    }
    return b;
  }

  private static CallContext withRequestId(CallContext context, String requestId) {
    Map<String, String> tags = new LinkedHashMap<>(context.tags());
    tags.put(Router.REQUEST_ID_TAG, requestId);
    return new CallContext(
        context.workspace(), context.feature(), context.caller(), tags, context.variables());
  }

  private static byte[] read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new AnthropicApiException(
          413,
          "request_too_large",
          "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    return bytes;
  }
}
