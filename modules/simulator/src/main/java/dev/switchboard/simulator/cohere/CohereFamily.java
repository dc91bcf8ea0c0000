package dev.switchboard.simulator.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Models;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;

/**
 * Cohere under {@code /cohere}: {@code POST /v2/chat} (SSE when {@code "stream": true}), {@code
 * POST /v2/embed}, {@code GET /v1/models}. Credential: {@code Authorization: Bearer}. Errors are
 * {@code {"id","message"}} with the HTTP status carrying the kind.
 */
public final class CohereFamily extends Family {

  static final String[] MODELS = {
    "command-a-03-2025",
    "command-r-plus-08-2024",
    "command-r-08-2024",
    "command-r7b-12-2024",
    "embed-v4.0",
    "embed-english-v3.0",
    "embed-multilingual-v3.0"
  };

  private final CohereChat chat = new CohereChat(this);

  public CohereFamily() {
    super("cohere", Models.of(MODELS));
  }

  @Override
  public boolean authorized(Call call) {
    return call.bearerMatches();
  }

  @Override
  public void handle(Call call) throws IOException {
    call.responseHeaders().set("x-debug-trace-id", "sim" + call.id());
    call.responseHeaders().set("num_tokens", "0");
    String path = call.path();
    boolean post = "POST".equals(call.method());
    if (post && path.equals("/v2/chat")) {
      chat.serve(call, call.json());
    } else if (post && path.equals("/v2/embed")) {
      embed(call, call.json());
    } else if (path.equals("/v1/models")) {
      ObjectNode list = Json.object();
      for (String model : models().ids()) {
        list.withArray("models").add(model(model));
      }
      list.putNull("next_page_token");
      call.sendJson(200, list);
    } else if (path.startsWith("/v1/models/")) {
      String id = path.substring("/v1/models/".length());
      if (!models().serves(id)) {
        sendError(call, 404, MODEL_NOT_FOUND, modelNotFoundMessage(id));
      } else {
        call.sendJson(200, model(id));
      }
    } else {
      sendError(call, 404, NOT_FOUND, "route not found");
    }
  }

  private void embed(Call call, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    JsonNode texts = request.path("texts");
    int tokens = Reply.words(texts);
    if (rejectModel(call, model, tokens)) {
      return;
    }
    int dimensions = request.path("output_dimension").asInt(Reply.EMBEDDING_DIMENSIONS);
    ObjectNode body = Json.object().put("id", "sim" + call.id());
    ObjectNode byType = body.putObject("embeddings");
    ArrayNode floats = byType.putArray("float");
    boolean int8 = request.path("embedding_types").toString().contains("\"int8\"");
    ArrayNode ints = int8 ? byType.putArray("int8") : null;
    for (JsonNode text : texts) {
      float[] vector = Reply.embedding(text.asText(), dimensions);
      ArrayNode f = floats.addArray();
      ArrayNode i = int8 ? ints.addArray() : null;
      for (float v : vector) {
        f.add(v);
        if (i != null) {
          i.add(Math.round(v * 127));
        }
      }
    }
    body.set("texts", texts);
    ObjectNode meta = body.putObject("meta");
    meta.putObject("api_version").put("version", "2");
    meta.putObject("billed_units").put("input_tokens", tokens);
    body.put("response_type", "embeddings_by_type");
    call.sendJson(200, body);
  }

  private static ObjectNode model(String id) {
    ObjectNode model = Json.object().put("name", id);
    model.putArray("endpoints").add(id.startsWith("embed") ? "embed" : "chat");
    model.put("finetuned", false).put("context_length", Reply.contextLimit(id));
    model.putArray("features");
    return model;
  }

  @Override
  protected String modelNotFoundMessage(String model) {
    return "model '"
        + model
        + "' not found, make sure the correct model ID was used and that you have access to the"
        + " model.";
  }

  @Override
  protected String contextLengthMessage(int tokens, int limit) {
    return "too many tokens: total number of tokens in the prompt cannot exceed "
        + limit
        + " - received "
        + tokens
        + ". Try using a shorter prompt, or enabling prompt truncating.";
  }

  @Override
  public void sendError(Call call, int status, String code, String message) throws IOException {
    ObjectNode body = Json.object().put("id", "sim" + call.id());
    body.put("message", message != null ? message : defaultMessage(status));
    call.sendJson(status, body);
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 401 -> "invalid api token";
      case 402 -> "Please add or update your payment method to continue.";
      case 429 -> "You are past the per minute request limit, please wait and try again later.";
      case 500 -> "internal server error, this has been reported to our developers";
      case 503 -> "service unavailable";
      default -> "simulated error " + status;
    };
  }
}
