package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.TokenEstimate;
import dev.switchboard.providers.wire.UsageTally;
import dev.switchboard.providers.wire.WireFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Decodes Gemini responses, usage, model lists and error bodies. */
final class GeminiResponses {

  private GeminiResponses() {}

  static ChatResponse generate(JsonNode body) {
    JsonNode candidate = body.path("candidates").path(0);
    if (!candidate.isObject() && !body.has("promptFeedback")) {
      throw new WireFormatException("response without candidates");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("text") && !part.path("thought").asBoolean(false)) {
        text.append(part.path("text").asText());
      } else if (part.has("functionCall")) {
        calls.add(toolCall(part.get("functionCall"), calls.size()));
      }
    }
    FinishReason finish =
        candidate.isObject()
            ? finishReason(Json.str(candidate, "finishReason"), !calls.isEmpty())
            : FinishReason.CONTENT_FILTER;
    return new ChatResponse(
        Message.assistant(text.toString(), calls),
        finish,
        Json.str(body, "modelVersion"),
        Json.str(body, "responseId"),
        usage(body.path("usageMetadata"), new UsageTally()).toUsage(UsageSource.REPORTED));
  }

  /** Gemini calls have no id in older models: the name and position make one. */
  static ToolCall toolCall(JsonNode functionCall, int index) {
    String name = Json.str(functionCall, "name");
    String id = Json.str(functionCall, "id");
    return new ToolCall(
        id != null ? id : name + "-" + index, name, Json.text(functionCall.path("args")));
  }

  /**
   * Records {@code usageMetadata}, cumulative on every chunk (so it replaces). Output includes
   * thoughts, as ours does; the prompt count already includes cached content.
   */
  static UsageTally usage(JsonNode meta, UsageTally tally) {
    long candidates = Json.num(meta, "candidatesTokenCount");
    long thoughts = Json.num(meta, "thoughtsTokenCount");
    if (candidates >= 0 || thoughts >= 0) {
      tally.setOutput(Math.max(candidates, 0) + Math.max(thoughts, 0));
    }
    return tally
        .setInput(Json.num(meta, "promptTokenCount"))
        .setCached(Json.num(meta, "cachedContentTokenCount"))
        .setReasoning(thoughts)
        .setTotal(Json.num(meta, "totalTokenCount"));
  }

  static FinishReason finishReason(String reason, boolean hasCalls) {
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case "STOP" -> hasCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
          FinishReason.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL" -> FinishReason.ERROR;
      default -> FinishReason.OTHER;
    };
  }

  static EmbeddingResponse embeddings(JsonNode body, EmbeddingRequest request) {
    List<Embedding> vectors = new ArrayList<>();
    for (JsonNode e : body.path("embeddings")) {
      JsonNode values = e.path("values");
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      vectors.add(new Embedding(vectors.size(), v));
    }
    if (vectors.size() != request.inputs().size()) {
      throw new WireFormatException("embedding count differs from input count");
    }
    // Gemini reports no usage for embeddings: estimate rather than bill nothing.
    long chars = request.inputs().stream().mapToLong(String::length).sum();
    Usage usage = Usage.of(TokenEstimate.ofChars(chars), 0, UsageSource.ESTIMATED);
    return new EmbeddingResponse(vectors, request.model(), usage);
  }

  static List<ModelInfo> models(JsonNode body) {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : body.path("models")) {
      String name = Json.str(m, "name");
      if (name == null) {
        continue;
      }
      EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
      for (JsonNode method : m.path("supportedGenerationMethods")) {
        switch (method.asText()) {
          case "generateContent" -> caps.addAll(EnumSet.of(Capability.CHAT, Capability.STREAMING));
          case "embedContent" -> caps.add(Capability.EMBEDDINGS);
          default -> {}
        }
      }
      long in = Json.num(m, "inputTokenLimit");
      long out = Json.num(m, "outputTokenLimit");
      models.add(
          new ModelInfo(
              name.startsWith("models/") ? name.substring(7) : name,
              Json.str(m, "displayName"),
              in > 0 && in < Integer.MAX_VALUE ? (int) in : null,
              out > 0 && out < Integer.MAX_VALUE ? (int) out : null,
              caps));
    }
    return models;
  }

  /** {@code {"error":{"code","message","status"}}}: the status (e.g. RESOURCE_EXHAUSTED). */
  static ErrorClassifier.Detail errorDetail(JsonNode body) {
    JsonNode error = body.isArray() ? body.path(0).path("error") : body.path("error");
    if (!error.isObject()) {
      return null;
    }
    return new ErrorClassifier.Detail(
        Json.str(error, "message"), Json.str(error, "status"), retryDelay(error));
  }

  /** {@code details[].retryDelay} of a {@code google.rpc.RetryInfo}, e.g. {@code "2s"}. */
  private static Duration retryDelay(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      String delay = Json.str(detail, "retryDelay");
      if (delay != null && delay.matches("\\d+(\\.\\d+)?s")) {
        double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
        return Duration.ofMillis((long) (seconds * 1000));
      }
    }
    return null;
  }
}
