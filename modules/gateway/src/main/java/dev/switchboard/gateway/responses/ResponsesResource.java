package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.gateway.openai.CallContextHeaders;
import dev.switchboard.gateway.openai.ChatCompletionParser;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/responses}, {@code GET} and {@code DELETE /v1/responses/{id}}: OpenAI's Responses
 * API over the router. The response id is the call's request id, so the ledger row of a response is
 * found by it. With {@code store=false} a call touches no database; with {@code store=true} (the
 * default, as OpenAI's) the response is written before the caller hears it completed, so a
 * follow-up naming it as {@code previous_response_id} finds it on any server.
 *
 * <p>One instance serves every call (no bean created, no configuration looked up per request): the
 * servlet request is a method parameter.
 */
@Path("v1/responses")
@ApplicationScoped
@Tag(name = "OpenAI-compatible")
// the key is checked by GatewayAuthentication, which lets only valid keys through to /v1
@PermitAll
public class ResponsesResource {

  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final Logger LOG = System.getLogger(ResponsesResource.class.getName());

  @Inject LlmRouter router;
  @Inject ClusterRateLimits limits;
  @Inject StoredResponses stored;

  @Inject
  @ConfigProperty(name = "switchboard.routing.deadline-seconds", defaultValue = "120")
  long deadlineSeconds;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, "text/event-stream"})
  @Operation(summary = "Create a model response (OpenAI Responses API), streaming or not")
  public Response create(InputStream body, @Context HttpServletRequest request) throws IOException {
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    ResponsesRequest parsed =
        ResponsesParser.parse(ChatCompletionParser.readBody(body, MAX_BODY_BYTES));
    limits.admitKey(caller.keyId(), caller.requestsPerMinute(), caller.tokensPerMinute());
    List<ObjectNode> history = history(caller, parsed.previousResponseId());
    ChatRequest chat = parsed.toChat(history);
    String responseId = "resp_" + UUID.randomUUID().toString().replace("-", "");
    CallContext context =
        withRequestId(CallContextHeaders.of(caller, request::getHeader), responseId);
    ResponseObject response =
        new ResponseObject(responseId, Instant.now().getEpochSecond(), parsed);
    List<ObjectNode> before = new ArrayList<>(history);
    before.addAll(parsed.input());
    if (parsed.stream()) {
      ResponseEvents events =
          new ResponseEvents(response, done -> store(parsed, caller.workspace(), done, before));
      SseRelay relay;
      try {
        relay =
            SseRelay.start(router, chat, context, events, Duration.ofSeconds(deadlineSeconds + 5));
      } catch (ProviderException e) {
        throw PromptEcho.redacted(e, chat);
      }
      return relay.response(responseId).build();
    }
    RoutedChat r;
    try {
      r = router.chat(chat, context);
    } catch (ProviderException e) {
      throw PromptEcho.redacted(e, chat);
    }
    ObjectNode done = response.completed(r.response());
    store(parsed, caller.workspace(), done, before);
    return Response.ok(ResponseObject.JSON.writeValueAsBytes(done), MediaType.APPLICATION_JSON)
        .header("x-request-id", responseId)
        .header("x-switchboard-provider", r.provider())
        .header("x-switchboard-model", r.model())
        .header("x-switchboard-attempts", r.attempts())
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A stored response of this key's workspace")
  public Response retrieve(@PathParam("id") String id, @Context HttpServletRequest request)
      throws IOException {
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    StoredResponses.Stored found =
        stored.find(caller.workspace(), id).orElseThrow(() -> notFound(id));
    return Response.ok(
            ResponseObject.JSON.writeValueAsBytes(found.response()), MediaType.APPLICATION_JSON)
        .build();
  }

  @DELETE
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Delete a stored response of this key's workspace")
  public Response delete(@PathParam("id") String id, @Context HttpServletRequest request)
      throws IOException {
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    if (!stored.delete(caller.workspace(), id)) {
      throw notFound(id);
    }
    ObjectNode deleted =
        ResponseObject.JSON
            .createObjectNode()
            .put("id", id)
            .put("object", "response.deleted")
            .put("deleted", true);
    return Response.ok(ResponseObject.JSON.writeValueAsBytes(deleted), MediaType.APPLICATION_JSON)
        .build();
  }

  /** The conversation {@code previous_response_id} continues; none without one (no database). */
  private List<ObjectNode> history(ApiKeyCaller caller, String previousId) {
    if (previousId == null) {
      return List.of();
    }
    return stored
        .find(caller.workspace(), previousId)
        .orElseThrow(
            () ->
                OpenAiApiException.invalid(
                    "previous_response_id",
                    "Previous response with id '" + previousId + "' not found."))
        .conversation();
  }

  /**
   * Stores a completed response when the caller asked for it. A failure is logged (never with the
   * content) and the caller still gets the response it paid for; only a follow-up will miss it.
   */
  private void store(
      ResponsesRequest parsed, String workspace, ObjectNode done, List<ObjectNode> before) {
    if (!parsed.store()) {
      return;
    }
    try {
      stored.save(workspace, done, before);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Response " + done.path("id").asText() + " was not stored: " + e.getMessage());
    }
  }

  private static OpenAiApiException notFound(String id) {
    return new OpenAiApiException(
        404, "invalid_request_error", null, null, "Response with id '" + id + "' not found.");
  }

  private static CallContext withRequestId(CallContext context, String requestId) {
    Map<String, String> tags = new LinkedHashMap<>(context.tags());
    tags.put(Router.REQUEST_ID_TAG, requestId);
    return new CallContext(
        context.workspace(), context.feature(), context.caller(), tags, context.variables());
  }
}
