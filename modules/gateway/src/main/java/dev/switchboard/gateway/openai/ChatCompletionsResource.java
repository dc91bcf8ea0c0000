package dev.switchboard.gateway.openai;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible: bad input is refused before any upstream
 * call; a stream is passed on event by event (never buffered); response headers name the provider,
 * the model and the attempts.
 */
@Path("v1/chat/completions")
// one instance for all requests: a request-scoped resource is created and injected (its
// configuration looked up again) on every call, about a tenth of the request thread's CPU
@ApplicationScoped
@Tag(name = "OpenAI-compatible")
// the key is checked by GatewayAuthentication, which lets only valid keys through to /v1
@PermitAll
public class ChatCompletionsResource {

  /** The largest request body accepted. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

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
  @Operation(summary = "Create a chat completion (model: provider/model), streaming or not")
  public Response create(InputStream body, @Context HttpServletRequest request) throws IOException {
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    ChatCompletionRequest parsed =
        ChatCompletionParser.parse(ChatCompletionParser.readBody(body, MAX_BODY_BYTES));
    limits.admitKey(caller.keyId(), caller.requestsPerMinute(), caller.tokensPerMinute());
    CallContext context =
        CallContextHeaders.of(caller, request::getHeader).withVariables(parsed.variables());
    long created = Instant.now().getEpochSecond();
    if (parsed.stream()) {
      String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
      CallContext streamed =
          new CallContext(
              context.workspace(),
              context.feature(),
              context.caller(),
              withRequestId(context.tags(), requestId),
              context.variables());
      ChatCompletionWriter writer =
          new ChatCompletionWriter("chatcmpl-" + requestId, parsed.request().model(), created);
      SseRelay relay;
      try {
        relay =
            SseRelay.start(
                router, parsed, streamed, writer, Duration.ofSeconds(deadlineSeconds + 5));
      } catch (ProviderException e) {
        throw PromptEcho.redacted(e, parsed.request());
      }
      return relay.response(requestId).build();
    }
    RoutedChat r;
    try {
      r = router.chat(parsed.request(), context);
    } catch (ProviderException e) {
      throw PromptEcho.redacted(e, parsed.request());
    }
    ChatCompletionWriter writer =
        new ChatCompletionWriter("chatcmpl-" + r.requestId(), parsed.request().model(), created);
    return Response.ok(writer.completion(r.response()), MediaType.APPLICATION_JSON)
        .header("x-request-id", r.requestId())
        .header("x-switchboard-provider", r.provider())
        .header("x-switchboard-model", r.model())
        .header("x-switchboard-attempts", r.attempts())
        .build();
  }

  private static Map<String, String> withRequestId(Map<String, String> tags, String requestId) {
    Map<String, String> all = new java.util.LinkedHashMap<>(tags);
    all.put(Router.REQUEST_ID_TAG, requestId);
    return all;
  }
}
