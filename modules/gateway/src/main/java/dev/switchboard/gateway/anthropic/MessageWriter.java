package dev.switchboard.gateway.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.usage.Usage;

/**
 * Writes Anthropic's {@code message} object for a neutral reply. Usage is Anthropic's arithmetic:
 * {@code input_tokens} excludes the tokens read from a prompt cache, which are {@code
 * cache_read_input_tokens}; so {@code input_tokens + cache_read_input_tokens} is the neutral input
 * count the usage ledger records. Cache writes are not in the neutral model: {@code
 * cache_creation_input_tokens} is {@code null} (not known), and for an Anthropic or Bedrock
 * upstream the written tokens are inside {@code input_tokens}.
 */
final class MessageWriter {

  static final ObjectMapper JSON = new ObjectMapper();

  private MessageWriter() {}

  /**
   * @param id the message id, {@code msg_<request id>}
   * @param model the model as the caller named it
   */
  static ObjectNode message(String id, String model, ChatResponse r) {
    ObjectNode m = head(id, model);
    ArrayNode content = m.putArray("content");
    if (!r.text().isEmpty() || r.toolCalls().isEmpty()) {
      content.addObject().put("type", "text").put("text", r.text());
    }
    for (ToolCall call : r.toolCalls()) {
      content
          .addObject()
          .put("type", "tool_use")
          .put("id", call.id())
          .put("name", call.name())
          .set("input", input(call));
    }
    m.put("stop_reason", stopReason(r.finishReason()));
    m.putNull("stop_sequence");
    m.set("usage", usage(r.usage()));
    return m;
  }

  /** A message's fixed fields, before content. */
  static ObjectNode head(String id, String model) {
    ObjectNode m = JSON.createObjectNode().put("id", id).put("type", "message");
    m.put("role", "assistant").put("model", model);
    return m;
  }

  static ObjectNode usage(Usage u) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("input_tokens", Math.max(0, u.inputTokens() - u.cachedInputTokens()));
    usage.putNull("cache_creation_input_tokens");
    usage.put("cache_read_input_tokens", u.cachedInputTokens());
    usage.put("output_tokens", u.outputTokens());
    return usage;
  }

  static String stopReason(FinishReason r) {
    if (r == null) {
      return "end_turn";
    }
    return switch (r) {
      case STOP, ERROR, OTHER -> "end_turn";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
    };
  }

  /**
   * A tool call's arguments as the {@code input} object. A model that wrote arguments that are not
   * a JSON object broke the tool protocol: that is the upstream's fault, a 500, never a made-up
   * object.
   */
  private static JsonNode input(ToolCall call) {
    try {
      JsonNode input = JSON.readTree(call.argumentsJson());
      if (input != null && input.isObject()) {
        return input;
      }
    } catch (JsonProcessingException e) {
      // refused below
    }
    throw new AnthropicApiException(
        500,
        "api_error",
        "The model's arguments for the tool '" + call.name() + "' are not a JSON object.");
  }
}
