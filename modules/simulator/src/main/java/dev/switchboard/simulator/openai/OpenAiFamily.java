package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.http.Headers;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;

/**
 * OpenAI's API under {@code /<name>/v1}: chat completions (streaming, tools, JSON mode), embeddings
 * and models. The OpenAI-compatible providers are instances with their own name.
 */
public final class OpenAiFamily extends Family {

  static final String[] MODELS = {"gpt-4o-mini", "gpt-4o", "text-embedding-3-small"};

  private final boolean requireAuth;
  private final OpenAiChat chat = new OpenAiChat(this, false);

  /**
   * @param name URL prefix and counted family name
   * @param requireAuth whether {@code Authorization: Bearer <key>} is checked (Ollama ignores it)
   */
  public OpenAiFamily(String name, boolean requireAuth) {
    super(name);
    this.requireAuth = requireAuth;
  }

  @Override
  public boolean authorized(Call call) {
    return !requireAuth || call.bearerMatches();
  }

  @Override
  public void handle(Call call) throws IOException {
    addHeaders(call);
    String path = call.path();
    boolean post = "POST".equals(call.method());
    if (post && path.equals("/v1/chat/completions")) {
      chat.serve(call, call.json(), null);
    } else if (post && path.equals("/v1/embeddings")) {
      OpenAiEmbeddings.serve(this, call, call.json(), null);
    } else if (path.equals("/v1/models")) {
      ObjectNode list = Json.object().put("object", "list");
      for (String model : MODELS) {
        list.withArray("data").add(model(model));
      }
      call.sendJson(200, list);
    } else if (path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (Reply.isMissing(id)) {
        sendError(call, 404, MODEL_NOT_FOUND, "The model '" + id + "' does not exist");
      } else {
        call.sendJson(200, model(id));
      }
    } else {
      sendError(call, 404, NOT_FOUND, "Invalid URL (" + call.method() + " " + path + ")");
    }
  }

  private ObjectNode model(String id) {
    return Json.object()
        .put("id", id)
        .put("object", "model")
        .put("created", 1_700_000_000L)
        .put("owned_by", name().equals("openai") ? "system" : name());
  }

  private static void addHeaders(Call call) {
    Headers h = call.responseHeaders();
    h.set("x-request-id", "req_sim" + call.id());
    h.set("openai-processing-ms", "1");
    h.set("x-ratelimit-limit-requests", "10000");
    h.set("x-ratelimit-remaining-requests", "9999");
    h.set("x-ratelimit-reset-requests", "6ms");
    h.set("x-ratelimit-limit-tokens", "1000000");
    h.set("x-ratelimit-remaining-tokens", "999000");
    h.set("x-ratelimit-reset-tokens", "60ms");
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    addHeaders(call);
    if (status == 429) {
      call.responseHeaders().set("x-ratelimit-remaining-requests", "0");
      boolean rateLimit = code == null || code.equals("rate_limit_exceeded");
      if (rateLimit && !call.specifiesRetry()) {
        call.responseHeaders().set("retry-after", "1");
        call.responseHeaders().set("retry-after-ms", "1000");
      }
    }
    call.sendJson(
        status, OpenAiErrors.body(status, code, call.fault().text("type", null), message));
  }
}
