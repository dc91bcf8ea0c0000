package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.embedding.Embedding;
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

/** Decodes OpenAI responses, usage and error bodies. */
public final class OpenAiResponses {

  private OpenAiResponses() {}

  public static ChatResponse chat(JsonNode body, String requestId) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw new WireFormatException("chat completion without a message");
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(new ToolCall(Json.str(c, "id"), Json.str(fn, "name"), Json.str(fn, "arguments")));
    }
    String text = Json.str(message, "content");
    Usage usage =
        body.hasNonNull("usage")
            ? usage(body.get("usage"), new UsageTally()).toUsage(UsageSource.REPORTED)
            : Usage.NONE;
    return new ChatResponse(
        Message.assistant(text, calls),
        finishReason(Json.str(choice, "finish_reason")),
        Json.str(body, "model"),
        requestId != null ? requestId : Json.str(body, "id"),
        usage);
  }

  /** Records an OpenAI usage object (a final total, so it replaces). */
  public static UsageTally usage(JsonNode usage, UsageTally tally) {
    return tally
        .setInput(Json.num(usage, "prompt_tokens"))
        .setOutput(Json.num(usage, "completion_tokens"))
        .setTotal(Json.num(usage, "total_tokens"))
        .setCached(Json.num(usage.path("prompt_tokens_details"), "cached_tokens"))
        .setReasoning(Json.num(usage.path("completion_tokens_details"), "reasoning_tokens"));
  }

  public static FinishReason finishReason(String reason) {
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  public static EmbeddingResponse embeddings(JsonNode body) {
    List<Embedding> vectors = new ArrayList<>();
    for (JsonNode item : body.path("data")) {
      JsonNode values = item.path("embedding");
      if (!values.isArray()) {
        throw new WireFormatException("embedding is not an array of floats");
      }
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      vectors.add(new Embedding(item.path("index").asInt(vectors.size()), v));
    }
    long input = Json.num(body.path("usage"), "prompt_tokens");
    Usage usage = input >= 0 ? Usage.of(input, 0, UsageSource.REPORTED) : Usage.NONE;
    return new EmbeddingResponse(vectors, Json.str(body, "model"), usage);
  }

  public static List<ModelInfo> models(JsonNode body) {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : body.path("data")) {
      String id = Json.str(m, "id");
      if (id != null) {
        models.add(ModelInfo.ofId(id));
      }
    }
    return models;
  }

  /** {@code {"error":{"message","type","code"}}}; the code when present, else the type. */
  public static ErrorClassifier.Detail errorDetail(JsonNode body) {
    JsonNode error = body.path("error");
    if (!error.isObject()) {
      return null;
    }
    String code = Json.str(error, "code");
    return new ErrorClassifier.Detail(
        Json.str(error, "message"), code != null ? code : Json.str(error, "type"));
  }
}
