package dev.switchboard.simulator.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.http.Headers;
import dev.switchboard.simulator.openai.OpenAiChat;
import dev.switchboard.simulator.openai.OpenAiEmbeddings;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;

/**
 * Azure OpenAI under {@code /azure}: the deployment routes {@code
 * /openai/deployments/{deployment}/...?api-version=...} (the deployment serves a model of the same
 * name) and the unified {@code /openai/v1/...} routes (model from the body). Credential: {@code
 * api-key}, or {@code Authorization: Bearer}.
 */
public final class AzureFamily extends Family {

  private static final String DEPLOYMENTS = "/openai/deployments/";
  private static final String UNIFIED = "/openai/v1/";

  private final OpenAiChat chat = new OpenAiChat(this, true);

  public AzureFamily() {
    super("azure");
  }

  @Override
  public boolean authorized(Call call) {
    return call.apiKey().equals(call.header("api-key")) || call.bearerMatches();
  }

  @Override
  public void handle(Call call) throws IOException {
    addHeaders(call);
    String path = call.path();
    if (!"POST".equals(call.method())) {
      resourceNotFound(call);
    } else if (path.startsWith(DEPLOYMENTS)) {
      String rest = path.substring(DEPLOYMENTS.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || call.query("api-version") == null) {
        resourceNotFound(call);
        return;
      }
      String deployment = rest.substring(0, slash);
      if (Reply.isMissing(deployment)) {
        sendError(
            call,
            404,
            MODEL_NOT_FOUND,
            "The API deployment for this resource does not exist. If you created the deployment"
                + " within the last 5 minutes, please wait a moment and try again.");
        return;
      }
      operation(call, rest.substring(slash), deployment);
    } else if (path.startsWith(UNIFIED)) {
      operation(call, path.substring(UNIFIED.length() - 1), null);
    } else {
      resourceNotFound(call);
    }
  }

  private void operation(Call call, String operation, String deployment) throws IOException {
    JsonNode request = call.json();
    switch (operation) {
      case "/chat/completions" -> chat.serve(call, request, deployment);
      case "/embeddings" -> OpenAiEmbeddings.serve(this, call, request, deployment);
      default -> resourceNotFound(call);
    }
  }

  private void resourceNotFound(Call call) throws IOException {
    sendError(call, 404, "404", "Resource not found");
  }

  private static void addHeaders(Call call) {
    Headers h = call.responseHeaders();
    h.set("apim-request-id", "sim-" + call.id());
    h.set("x-request-id", "sim-" + call.id());
    h.set("x-ms-region", "Sim Central");
    h.set("x-ratelimit-remaining-requests", "999");
    h.set("x-ratelimit-remaining-tokens", "99000");
  }

  /** Azure passes the model's own refusal of a request field through in OpenAI's shape. */
  @Override
  public void sendInvalid(Call call, String param, String code, String message) throws IOException {
    addHeaders(call);
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error").put("message", message);
    error.put("type", "invalid_request_error").put("param", param).put("code", code);
    call.sendJson(400, body);
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    addHeaders(call);
    if (status == 429 && !call.specifiesRetry()) {
      call.responseHeaders().set("retry-after", "2");
      call.responseHeaders().set("retry-after-ms", "2000");
    }
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    if (CONTEXT_LENGTH.equals(code)) {
      // Azure passes the model's own error through in OpenAI's shape.
      error.put("message", message).put("type", "invalid_request_error");
      error.put("param", "messages").put("code", code);
    } else {
      error.put("code", azureCode(status, code)).put("message", azureMessage(status, message));
    }
    call.sendJson(status, body);
  }

  private static String azureCode(int status, String code) {
    if (code == null || INVALID_REQUEST.equals(code) || INVALID_KEY.equals(code)) {
      return Integer.toString(status);
    }
    return MODEL_NOT_FOUND.equals(code) ? "DeploymentNotFound" : code;
  }

  private static String azureMessage(int status, String message) {
    if (message != null) {
      return message;
    }
    return switch (status) {
      case 401 ->
          "Access denied due to invalid subscription key or wrong API endpoint. Make sure to"
              + " provide a valid key for an active subscription and use a correct regional API"
              + " endpoint for your resource.";
      case 429 ->
          "Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded"
              + " call rate limit of your current pricing tier. Please retry after 2 seconds.";
      default -> "Simulated error " + status + ".";
    };
  }
}
