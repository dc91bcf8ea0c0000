package dev.switchboard.providers.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one Jackson mapper and the few tree helpers the adapters share. */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a provider's body; a malformed one is a {@link WireFormatException}, body unquoted. */
  /**
   * Writes a message's tool calls ({@code tool_calls}) and the call a tool result answers ({@code
   * tool_call_id}) in the OpenAI shape, which Cohere v2 shares.
   */
  public static void putToolCalls(ObjectNode node, Message m) {
    if (!m.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : m.toolCalls()) {
        ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    if (m.toolCallId() != null) {
      node.put("tool_call_id", m.toolCallId());
    }
  }

  public static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new WireFormatException("empty JSON body");
      }
      return node;
    } catch (IOException e) {
      throw new WireFormatException("malformed JSON from upstream", e);
    }
  }

  public static JsonNode parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses JSON text an API user supplied (a schema), which must be an object. */
  public static JsonNode parseSchema(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  public static String text(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }

  /** A text field, or {@code null} when absent or JSON null. */
  public static String str(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A number field, or {@code -1} when absent, so "absent" and "zero" stay apart. */
  public static long num(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isNumber() ? -1 : v.asLong();
  }
}
