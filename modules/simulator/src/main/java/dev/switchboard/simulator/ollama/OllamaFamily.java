package dev.switchboard.simulator.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.openai.OpenAiFamily;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Models;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;

/**
 * Ollama under {@code /ollama}: the native {@code /api/chat} (NDJSON, streaming by default), {@code
 * /api/embed}, {@code /api/tags}, {@code /api/version}, and its OpenAI-compatible {@code /v1/...}.
 * No credential. Errors are {@code {"error":"..."}}.
 */
public final class OllamaFamily extends Family {

  static final String[] MODELS = {"llama3.2", "llama3.1", "qwen2.5", "nomic-embed-text"};

  private final OpenAiFamily openAi;
  private final OllamaChat chat = new OllamaChat(this);

  /** The pulled models, each also under its {@code :latest} tag; its /v1 serves the same. */
  public OllamaFamily() {
    super("ollama", pulled());
    openAi = new OpenAiFamily("ollama", false, models());
  }

  private static Models pulled() {
    String[] ids = new String[MODELS.length * 2];
    for (int i = 0; i < MODELS.length; i++) {
      ids[2 * i] = MODELS[i];
      ids[2 * i + 1] = MODELS[i] + ":latest";
    }
    return Models.of(ids);
  }

  @Override
  public boolean authorized(Call call) {
    return true;
  }

  /** Native chat streams unless {@code "stream": false}; the OpenAI routes as OpenAI. */
  @Override
  public boolean streams(Call call) throws IOException {
    if (call.path().equals("/api/chat")) {
      return call.json().path("stream").asBoolean(true);
    }
    return super.streams(call);
  }

  @Override
  public void handle(Call call) throws IOException {
    String path = call.path();
    if (path.startsWith("/v1/")) {
      openAi.handle(call);
      return;
    }
    boolean post = "POST".equals(call.method());
    if (post && path.equals("/api/chat")) {
      chat.serve(call, call.json());
    } else if (post && path.equals("/api/embed")) {
      embed(call, call.json());
    } else if (path.equals("/api/tags")) {
      ObjectNode tags = Json.object();
      ArrayNode models = tags.putArray("models");
      for (String id : models().ids()) {
        if (id.endsWith(":latest")) {
          continue;
        }
        String model = id.contains(":") ? id : id + ":latest";
        ObjectNode m = models.addObject().put("name", model);
        m.put("model", model).put("modified_at", "2025-01-01T00:00:00Z");
        m.put("size", 2_019_393_189L).put("digest", "sha256:" + "0".repeat(64));
        m.putObject("details")
            .put("format", "gguf")
            .put("family", "llama")
            .put("parameter_size", "3.2B")
            .put("quantization_level", "Q4_K_M");
      }
      call.sendJson(200, tags);
    } else if (path.equals("/api/version")) {
      call.sendJson(200, Json.object().put("version", "0.12.0"));
    } else {
      call.sendJson(404, error("404 page not found"));
    }
  }

  private void embed(Call call, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    JsonNode input = request.path("input");
    int tokens = Reply.words(input);
    if (rejectModel(call, model, tokens)) {
      return;
    }
    ObjectNode body = Json.object().put("model", model);
    ArrayNode embeddings = body.putArray("embeddings");
    JsonNode texts = input.isArray() ? input : Json.array().add(input);
    for (JsonNode text : texts) {
      ArrayNode values = embeddings.addArray();
      for (float v : Reply.embedding(text.asText(), Reply.EMBEDDING_DIMENSIONS)) {
        values.add(v);
      }
    }
    body.put("total_duration", 2_000_000L).put("load_duration", 1_000_000L);
    body.put("prompt_eval_count", tokens);
    call.sendJson(200, body);
  }

  /** Ollama's error body; also its mid-stream NDJSON error line. */
  static ObjectNode error(String message) {
    return Json.object().put("error", message);
  }

  @Override
  protected String modelNotFoundMessage(String model) {
    return "model \"" + model + "\" not found, try pulling it first";
  }

  @Override
  protected String contextLengthMessage(int tokens, int limit) {
    return "the input length (" + tokens + ") exceeds the context length (" + limit + ")";
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    if (call.path().startsWith("/v1/")) {
      openAi.sendError(call, status, code, message);
      return;
    }
    call.sendJson(status, error(message != null ? message : defaultMessage(status)));
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 429 -> "server busy, please try again.  maximum pending requests exceeded";
      case 500 -> "llama runner process has terminated: exit status 2";
      case 503 -> "server overloaded, please try again later";
      default -> "simulated error " + status;
    };
  }
}
