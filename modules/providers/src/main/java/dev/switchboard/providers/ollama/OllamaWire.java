package dev.switchboard.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.UsageTally;
import dev.switchboard.providers.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Encodes and decodes Ollama's native bodies. */
final class OllamaWire {

  private OllamaWire() {}

  static ObjectNode chat(ChatRequest request, boolean stream) {
    ObjectNode body = Json.object().put("model", request.model()).put("stream", stream);
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> messages.add(message(m)));
    ObjectNode options = options(request);
    if (!options.isEmpty()) {
      body.set("options", options);
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition t : request.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) {
          fn.put("description", t.description());
        }
        fn.set("parameters", Json.parseSchema(t.parametersSchema()));
      }
    }
    ResponseFormat format = request.responseFormat();
    if (format != null && format.kind() == ResponseFormat.Kind.JSON_OBJECT) {
      body.put("format", "json");
    } else if (format != null && format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
      body.set("format", Json.parseSchema(format.schema()));
    }
    return body;
  }

  private static ObjectNode options(ChatRequest request) {
    ObjectNode options = Json.object();
    if (request.temperature() != null) {
      options.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      options.put("top_p", request.topP());
    }
    if (request.maxOutputTokens() != null) {
      options.put("num_predict", request.maxOutputTokens());
    }
    if (!request.stop().isEmpty()) {
      request.stop().forEach(options.putArray("stop")::add);
    }
    if (request.seed() != null) {
      options.put("seed", request.seed());
    }
    return options;
  }

  private static ObjectNode message(Message m) {
    ObjectNode node = Json.object().put("role", m.role().name().toLowerCase(Locale.ROOT));
    node.put("content", m.text());
    ArrayNode images = null;
    for (ContentPart part : m.content()) {
      if (part instanceof ContentPart.Image img) {
        if (!img.inline()) {
          throw new IllegalArgumentException("Ollama takes images as base64 data, not URLs");
        }
        images = images == null ? node.putArray("images") : images;
        images.add(img.base64Data());
      }
    }
    if (!m.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : m.toolCalls()) {
        ObjectNode fn = calls.addObject().putObject("function").put("name", call.name());
        fn.set("arguments", Json.parse(call.argumentsJson()));
      }
    }
    return node;
  }

  static ChatResponse response(JsonNode body) {
    JsonNode message = body.path("message");
    if (!message.isObject()) {
      throw new WireFormatException("chat response without a message");
    }
    List<ToolCall> calls = toolCalls(message, 0);
    return new ChatResponse(
        Message.assistant(Json.str(message, "content"), calls),
        finishReason(Json.str(body, "done_reason"), !calls.isEmpty()),
        Json.str(body, "model"),
        null,
        usage(body, new UsageTally()).toUsage(UsageSource.REPORTED));
  }

  /** Ollama's calls have no ids: the name and position make one. */
  static List<ToolCall> toolCalls(JsonNode message, int firstIndex) {
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      String name = Json.str(fn, "name");
      String id = Json.str(c, "id");
      calls.add(
          new ToolCall(
              id != null ? id : name + "-" + (firstIndex + calls.size()),
              name,
              Json.text(fn.path("arguments"))));
    }
    return calls;
  }

  static UsageTally usage(JsonNode done, UsageTally tally) {
    return tally
        .setInput(Json.num(done, "prompt_eval_count"))
        .setOutput(Json.num(done, "eval_count"));
  }

  static FinishReason finishReason(String reason, boolean hasCalls) {
    if (hasCalls) {
      return FinishReason.TOOL_CALLS;
    }
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      default -> FinishReason.OTHER;
    };
  }

  static ObjectNode embed(EmbeddingRequest request) {
    ObjectNode body = Json.object().put("model", request.model());
    request.inputs().forEach(body.putArray("input")::add);
    if (request.dimensions() != null) {
      body.put("dimensions", request.dimensions());
    }
    return body;
  }

  static EmbeddingResponse embeddings(JsonNode body, String model) {
    List<Embedding> vectors = new ArrayList<>();
    for (JsonNode values : body.path("embeddings")) {
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      vectors.add(new Embedding(vectors.size(), v));
    }
    long input = Json.num(body, "prompt_eval_count");
    Usage usage = input >= 0 ? Usage.of(input, 0, UsageSource.REPORTED) : Usage.NONE;
    return new EmbeddingResponse(vectors, model, usage);
  }

  static List<ModelInfo> models(JsonNode body) {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : body.path("models")) {
      String name = Json.str(m, "name");
      if (name != null) {
        models.add(ModelInfo.ofId(name));
      }
    }
    return models;
  }

  /** {@code {"error": "..."}}. */
  static ErrorClassifier.Detail errorDetail(JsonNode body) {
    String error = Json.str(body, "error");
    return error == null ? null : new ErrorClassifier.Detail(error, null);
  }
}
