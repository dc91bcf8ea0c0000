package dev.switchboard.providers.cohere;

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
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.UsageTally;
import dev.switchboard.providers.wire.WireFormatException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Encodes and decodes Cohere v2 bodies. */
final class CohereWire {

  private CohereWire() {}

  static ObjectNode chat(ChatRequest request, boolean stream) {
    ObjectNode body = Json.object().put("model", request.model()).put("stream", stream);
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> messages.add(message(m)));
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("p", request.topP());
    }
    if (request.maxOutputTokens() != null) {
      body.put("max_tokens", request.maxOutputTokens());
    }
    if (!request.stop().isEmpty()) {
      request.stop().forEach(body.putArray("stop_sequences")::add);
    }
    if (request.seed() != null) {
      body.put("seed", request.seed());
    }
    tools(body, request);
    ResponseFormat format = request.responseFormat();
    if (format != null && format.kind() != ResponseFormat.Kind.TEXT) {
      ObjectNode rf = body.putObject("response_format").put("type", "json_object");
      if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
        rf.set("json_schema", Json.parseSchema(format.schema()));
      }
    }
    return body;
  }

  private static void tools(ObjectNode body, ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (request.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = body.putArray("tools");
    for (ToolDefinition t : request.tools()) {
      // Cohere cannot name one function: REQUIRED with only that function offered.
      if (choice != null
          && choice.mode() == ToolChoice.Mode.FUNCTION
          && !t.name().equals(choice.functionName())) {
        continue;
      }
      ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
      fn.put("name", t.name());
      if (t.description() != null) {
        fn.put("description", t.description());
      }
      fn.set("parameters", Json.parseSchema(t.parametersSchema()));
    }
    if (choice != null) {
      switch (choice.mode()) {
        case REQUIRED, FUNCTION -> body.put("tool_choice", "REQUIRED");
        case NONE -> body.put("tool_choice", "NONE");
        case AUTO -> {}
      }
    }
  }

  private static ObjectNode message(Message m) {
    ObjectNode node = Json.object().put("role", m.role().name().toLowerCase(Locale.ROOT));
    if (m.hasImages()) {
      ArrayNode parts = node.putArray("content");
      for (ContentPart part : m.content()) {
        if (part instanceof ContentPart.Text t) {
          parts.addObject().put("type", "text").put("text", t.text());
        } else if (part instanceof ContentPart.Image img) {
          String url =
              img.inline() ? "data:" + img.mediaType() + ";base64," + img.base64Data() : img.url();
          parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        }
      }
    } else if (!m.content().isEmpty()) {
      node.put("content", m.text());
    }
    Json.putToolCalls(node, m);
    return node;
  }

  static ChatResponse response(JsonNode body) {
    JsonNode message = body.path("message");
    if (!message.isObject()) {
      throw new WireFormatException("chat response without a message");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : message.path("content")) {
      if ("text".equals(Json.str(part, "type"))) {
        text.append(part.path("text").asText());
      }
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(new ToolCall(Json.str(c, "id"), Json.str(fn, "name"), Json.str(fn, "arguments")));
    }
    return new ChatResponse(
        Message.assistant(text.toString(), calls),
        finishReason(Json.str(body, "finish_reason")),
        null,
        Json.str(body, "id"),
        usage(body.path("usage"), new UsageTally()).toUsage(UsageSource.REPORTED));
  }

  /** Billed units are what Cohere charges; the raw token counts are the fallback. */
  static UsageTally usage(JsonNode usage, UsageTally tally) {
    JsonNode counts = usage.has("billed_units") ? usage.path("billed_units") : usage.path("tokens");
    return tally
        .setInput(Json.num(counts, "input_tokens"))
        .setOutput(Json.num(counts, "output_tokens"))
        .setCached(Json.num(usage, "cached_tokens"));
  }

  static FinishReason finishReason(String reason) {
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case "COMPLETE", "STOP_SEQUENCE" -> FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "TOOL_CALL" -> FinishReason.TOOL_CALLS;
      case "ERROR" -> FinishReason.ERROR;
      default -> FinishReason.OTHER;
    };
  }

  static ObjectNode embed(EmbeddingRequest request) {
    ObjectNode body = Json.object().put("model", request.model());
    request.inputs().forEach(body.putArray("texts")::add);
    body.put("input_type", "search_document");
    body.putArray("embedding_types").add("float");
    if (request.dimensions() != null) {
      body.put("output_dimension", request.dimensions());
    }
    return body;
  }

  static EmbeddingResponse embeddings(JsonNode body, String model) {
    List<Embedding> vectors = new ArrayList<>();
    for (JsonNode values : body.path("embeddings").path("float")) {
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      vectors.add(new Embedding(vectors.size(), v));
    }
    long input = Json.num(body.path("meta").path("billed_units"), "input_tokens");
    Usage usage = input >= 0 ? Usage.of(input, 0, UsageSource.REPORTED) : Usage.NONE;
    return new EmbeddingResponse(vectors, model, usage);
  }

  static List<ModelInfo> models(JsonNode body) {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : body.path("models")) {
      EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
      for (JsonNode e : m.path("endpoints")) {
        switch (e.asText()) {
          case "chat" -> caps.addAll(EnumSet.of(Capability.CHAT, Capability.STREAMING));
          case "embed" -> caps.add(Capability.EMBEDDINGS);
          default -> {}
        }
      }
      long context = Json.num(m, "context_length");
      models.add(
          new ModelInfo(
              Json.str(m, "name"),
              Json.str(m, "name"),
              context > 0 && context < Integer.MAX_VALUE ? (int) context : null,
              null,
              caps));
    }
    return models;
  }

  /** {@code {"id","message"}}: Cohere errors have no code. */
  static ErrorClassifier.Detail errorDetail(JsonNode body) {
    String message = Json.str(body, "message");
    return message == null ? null : new ErrorClassifier.Detail(message, null);
  }
}
