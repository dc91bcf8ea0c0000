package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.UsageTally;
import dev.switchboard.providers.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/** Decodes Anthropic messages, usage, model lists and error bodies. */
final class AnthropicResponses {

  private AnthropicResponses() {}

  static ChatResponse message(JsonNode body, String requestId) {
    JsonNode content = body.path("content");
    if (!content.isArray()) {
      throw new WireFormatException("message without content");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "tool_use" ->
            calls.add(
                new ToolCall(
                    Json.str(block, "id"),
                    Json.str(block, "name"),
                    Json.text(block.path("input"))));
        default -> {
          // thinking and other blocks are not part of the reply text
        }
      }
    }
    UsageTally tally = usage(body.path("usage"), new UsageTally());
    return new ChatResponse(
        Message.assistant(text.toString(), calls),
        stopReason(Json.str(body, "stop_reason")),
        Json.str(body, "model"),
        requestId != null ? requestId : Json.str(body, "id"),
        tally.toUsage(UsageSource.REPORTED));
  }

  /**
   * Records an Anthropic usage object. Its {@code input_tokens} excludes cache reads and writes;
   * ours includes them, so they are added. Stream reports restate the totals: set, never add.
   */
  static UsageTally usage(JsonNode usage, UsageTally tally) {
    long input = Json.num(usage, "input_tokens");
    long cacheRead = Json.num(usage, "cache_read_input_tokens");
    long cacheWrite = Json.num(usage, "cache_creation_input_tokens");
    if (input >= 0) {
      tally.setInput(input + Math.max(cacheRead, 0) + Math.max(cacheWrite, 0));
    }
    return tally.setCached(cacheRead).setOutput(Json.num(usage, "output_tokens"));
  }

  static FinishReason stopReason(String reason) {
    if (reason == null) {
      return FinishReason.OTHER;
    }
    return switch (reason) {
      case "end_turn", "stop_sequence" -> FinishReason.STOP;
      case "max_tokens" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  static List<ModelInfo> models(JsonNode body) {
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode m : body.path("data")) {
      String id = Json.str(m, "id");
      if (id != null) {
        models.add(new ModelInfo(id, Json.str(m, "display_name"), null, null, null));
      }
    }
    return models;
  }

  /** {@code {"type":"error","error":{"type","message"}}}. */
  static ErrorClassifier.Detail errorDetail(JsonNode body) {
    JsonNode error = body.path("error");
    if (!error.isObject()) {
      return null;
    }
    return new ErrorClassifier.Detail(Json.str(error, "message"), Json.str(error, "type"));
  }
}
