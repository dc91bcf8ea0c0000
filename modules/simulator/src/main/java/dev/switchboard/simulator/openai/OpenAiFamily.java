package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.http.Headers;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Models;
import java.io.IOException;

/**
 * OpenAI's API under {@code /<name>/v1}: chat completions (streaming, tools, JSON mode), embeddings
 * and models. The OpenAI-compatible providers are instances with their own name.
 */
public final class OpenAiFamily extends Family {

  private final boolean requireAuth;
  private final OpenAiChat chat = new OpenAiChat(this, false);

  /**
   * @param name URL prefix and counted family name
   * @param requireAuth whether {@code Authorization: Bearer <key>} is checked (Ollama ignores it)
   * @param models the models served
   */
  public OpenAiFamily(String name, boolean requireAuth, Models models) {
    super(name, models);
    this.requireAuth = requireAuth;
  }

  /**
   * The well-known models of OpenAI and of each OpenAI-compatible provider (the ids the gateway's
   * model catalog lists, and a few more). llama.cpp's server answers with its loaded model whatever
   * the request names: it serves any name.
   */
  public static Models catalog(String name) {
    return switch (name) {
      case "openai" ->
          Models.of(
              "gpt-5",
              "gpt-5-mini",
              "gpt-5-nano",
              "gpt-4.1",
              "gpt-4.1-mini",
              "gpt-4.1-nano",
              "gpt-4o",
              "gpt-4o-mini",
              "o1",
              "o3",
              "o3-mini",
              "o4-mini",
              "text-embedding-3-small",
              "text-embedding-3-large",
              "text-embedding-ada-002");
      case "mistral" ->
          Models.of(
              "mistral-large-latest",
              "mistral-medium-latest",
              "mistral-small-latest",
              "codestral-latest",
              "mistral-embed");
      case "groq" -> Models.of("llama-3.3-70b-versatile", "llama-3.1-8b-instant");
      case "together" ->
          Models.of(
              "meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta-llama/Llama-3.1-8B-Instruct-Turbo");
      case "deepseek" -> Models.of("deepseek-chat", "deepseek-reasoner");
      case "xai" -> Models.of("grok-4", "grok-3", "grok-3-mini");
      case "fireworks" ->
          Models.of(
              "accounts/fireworks/models/llama-v3p1-70b-instruct",
              "accounts/fireworks/models/llama-v3p1-8b-instruct");
      case "openrouter" ->
          Models.of("openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5");
      case "perplexity" -> Models.of("sonar", "sonar-pro", "sonar-reasoning");
      case "cerebras" -> Models.of("llama3.1-8b", "llama-3.3-70b");
      case "vllm" -> Models.of("meta-llama/Llama-3.1-8B-Instruct");
      case "lmstudio" -> Models.of("qwen2.5-7b-instruct", "text-embedding-nomic-embed-text-v1.5");
      case "llamacpp" -> Models.any();
      default -> throw new IllegalArgumentException("no catalog for " + name);
    };
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
      for (String model : models().ids()) {
        list.withArray("data").add(model(model));
      }
      call.sendJson(200, list);
    } else if (path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (!models().serves(id)) {
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
  protected String invalidJsonMessage() {
    return "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
        + " using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was"
        + " sent was not valid JSON. If you have trouble figuring out how to fix this, please"
        + " contact us through our help center at help.openai.com.)";
  }

  @Override
  public void sendInvalid(Call call, String param, String code, String message) throws IOException {
    addHeaders(call);
    call.sendJson(400, OpenAiErrors.body(400, code, "invalid_request_error", message, param));
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
