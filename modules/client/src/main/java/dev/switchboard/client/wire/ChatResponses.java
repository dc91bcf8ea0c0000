package dev.switchboard.client.wire;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the gateway's OpenAI answers into core types: a {@code chat.completion}, an embeddings list
 * (base64 or float vectors), and the usage object both carry. A missing required part is a protocol
 * error, never a silently empty answer.
 */
public final class ChatResponses {

  private ChatResponses() {}

  /**
   * A {@code chat.completion}.
   *
   * @param servedModel the model the gateway says served it (its {@code x-switchboard-model}
   *     header), or {@code null} to take the body's {@code model}
   */
  public static ChatResponse completion(JsonObject root, String servedModel) {
    JsonArray choices = array(root, "choices");
    if (choices == null || choices.isEmpty()) {
      throw GatewayErrors.protocol("no_choices", "the gateway's answer has no choices", null);
    }
    JsonObject choice = choices.getJsonObject(0);
    JsonObject message = object(choice, "message");
    if (message == null) {
      throw GatewayErrors.protocol("no_message", "the gateway's answer has no message", null);
    }
    String text = string(message, "content");
    List<ToolCall> calls = new ArrayList<>();
    JsonArray toolCalls = array(message, "tool_calls");
    if (toolCalls != null) {
      for (JsonValue v : toolCalls) {
        JsonObject call = v.asJsonObject();
        JsonObject f = object(call, "function");
        calls.add(new ToolCall(string(call, "id"), string(f, "name"), string(f, "arguments")));
      }
    }
    List<ContentPart> content =
        text == null || text.isEmpty() ? List.of() : List.of(ContentPart.text(text));
    return new ChatResponse(
        new Message(Role.ASSISTANT, content, calls, null),
        finishReason(string(choice, "finish_reason")),
        servedModel != null ? servedModel : string(root, "model"),
        string(root, "id"),
        usage(object(root, "usage")));
  }

  /** An embeddings list, in input order whatever order the data came in. */
  public static EmbeddingResponse embeddings(JsonObject root) {
    JsonArray data = array(root, "data");
    if (data == null) {
      throw GatewayErrors.protocol("no_data", "the gateway's answer has no data", null);
    }
    List<Embedding> out = new ArrayList<>(data.size());
    for (JsonValue v : data) {
      JsonObject item = v.asJsonObject();
      out.add(new Embedding(item.getInt("index"), vector(item.get("embedding"))));
    }
    out.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new EmbeddingResponse(out, string(root, "model"), usage(object(root, "usage")));
  }

  /** OpenAI's usage object; {@link Usage#NONE} when absent. */
  public static Usage usage(JsonObject u) {
    if (u == null) {
      return Usage.NONE;
    }
    long input = number(u, "prompt_tokens");
    long output = number(u, "completion_tokens");
    JsonObject promptDetails = object(u, "prompt_tokens_details");
    JsonObject completionDetails = object(u, "completion_tokens_details");
    long total = u.containsKey("total_tokens") ? number(u, "total_tokens") : input + output;
    return new Usage(
        input,
        output,
        promptDetails == null ? 0 : number(promptDetails, "cached_tokens"),
        completionDetails == null ? 0 : number(completionDetails, "reasoning_tokens"),
        total,
        UsageSource.REPORTED);
  }

  static FinishReason finishReason(String reason) {
    if (reason == null) {
      return FinishReason.STOP;
    }
    return switch (reason) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  private static float[] vector(JsonValue embedding) {
    if (embedding instanceof JsonArray values) {
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) values.getJsonNumber(i).doubleValue();
      }
      return out;
    }
    if (embedding != null && embedding.getValueType() == JsonValue.ValueType.STRING) {
      ByteBuffer bytes =
          ByteBuffer.wrap(
                  Base64.getDecoder().decode(((jakarta.json.JsonString) embedding).getString()))
              .order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[bytes.remaining() / 4];
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.getFloat();
      }
      return out;
    }
    throw GatewayErrors.protocol("no_embedding", "an embedding without a vector", null);
  }

  static JsonObject object(JsonObject o, String field) {
    JsonValue v = o == null ? null : o.get(field);
    return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
  }

  static JsonArray array(JsonObject o, String field) {
    JsonValue v = o == null ? null : o.get(field);
    return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : null;
  }

  static String string(JsonObject o, String field) {
    JsonValue v = o == null ? null : o.get(field);
    return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(field) : null;
  }

  private static long number(JsonObject o, String field) {
    JsonValue v = o.get(field);
    return v instanceof JsonNumber n ? Math.max(0, n.longValue()) : 0;
  }
}
