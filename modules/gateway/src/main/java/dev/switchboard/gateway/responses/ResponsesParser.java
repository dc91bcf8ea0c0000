package dev.switchboard.gateway.responses;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.gateway.openai.ChatCompletionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /v1/responses} body, refusing bad input with OpenAI's 400 naming the field
 * before any upstream call. What needs OpenAI's own servers (hosted tools, background mode, stored
 * prompts, conversations) is refused too, never silently dropped; {@code reasoning} settings are
 * echoed but not carried (the neutral model has no reasoning effort).
 */
final class ResponsesParser {

  static final int MAX_OUTPUT_TOKENS = 1_000_000;
  static final int MAX_METADATA = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields that only OpenAI's servers can honour: refused with a 400 when set. */
  private static final Set<String> UNSUPPORTED = Set.of("background", "conversation", "prompt");

  private ResponsesParser() {}

  static ResponsesRequest parse(byte[] body) {
    JsonNode root = ChatCompletionParser.readObject(body);
    for (String field : UNSUPPORTED) {
      JsonNode v = root.get(field);
      if (v != null && !v.isNull() && !(v.isBoolean() && !v.asBoolean())) {
        throw invalid(field, "'" + field + "' is not supported by this gateway.");
      }
    }
    String model = ChatCompletionParser.text(root, "model", true, "model");
    String instructions = ChatCompletionParser.text(root, "instructions", false, "instructions");
    List<ObjectNode> input = InputItems.normalize(root.get("input"));
    ObjectNode echo = JSON.createObjectNode();
    List<ToolDefinition> tools = tools(root.get("tools"), echo);
    ToolChoice choice = toolChoice(root.get("tool_choice"), echo);
    ResponseFormat format = format(root.get("text"), echo);
    metadata(root.get("metadata"), echo);
    JsonNode reasoning = root.get("reasoning");
    if (reasoning != null && !reasoning.isNull()) {
      if (!reasoning.isObject()) {
        throw invalid("reasoning", "Invalid type for 'reasoning': expected an object.");
      }
      echo.set("reasoning", reasoning);
    }
    echo.put("parallel_tool_calls", ChatCompletionParser.bool(root, "parallel_tool_calls", true));
    String previous =
        ChatCompletionParser.text(root, "previous_response_id", false, "previous_response_id");
    return new ResponsesRequest(
        model,
        instructions,
        input,
        tools,
        choice,
        format,
        ChatCompletionParser.number(root, "temperature", 0, 2),
        ChatCompletionParser.number(root, "top_p", 0, 1),
        maxOutputTokens(root),
        ChatCompletionParser.text(root, "user", false, "user"),
        ChatCompletionParser.bool(root, "stream", false),
        ChatCompletionParser.bool(root, "store", true),
        previous,
        echo);
  }

  private static List<ToolDefinition> tools(JsonNode tools, ObjectNode echo) {
    echo.putArray("tools");
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    if (!tools.isArray()) {
      throw invalid(
          "tools",
          "Invalid type for 'tools': expected an array, but got "
              + ChatCompletionParser.kind(tools)
              + ".");
    }
    List<ToolDefinition> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      String path = "tools[" + i + "]";
      String type = t.path("type").asText("");
      if (!type.equals("function")) {
        throw invalid(
            path + ".type",
            "Tools of type '"
                + type
                + "' are not supported by this gateway: only 'function' tools are.");
      }
      String name = ChatCompletionParser.text(t, "name", true, path + ".name");
      String description =
          ChatCompletionParser.text(t, "description", false, path + ".description");
      JsonNode params = t.get("parameters");
      if (params != null && !params.isNull() && !params.isObject()) {
        throw invalid(
            path + ".parameters", "'" + path + ".parameters' must be a JSON Schema object.");
      }
      out.add(
          new ToolDefinition(
              name,
              description,
              params == null || params.isNull()
                  ? "{\"type\":\"object\",\"properties\":{}}"
                  : params.toString()));
      echo.withArray("tools").add(t);
    }
    return out;
  }

  private static ToolChoice toolChoice(JsonNode c, ObjectNode echo) {
    if (c == null || c.isNull()) {
      echo.put("tool_choice", "auto");
      return null;
    }
    echo.set("tool_choice", c);
    if (c.isTextual()) {
      return switch (c.asText()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default ->
            throw invalid(
                "tool_choice",
                "Invalid value: '"
                    + c.asText()
                    + "'. Supported values are: 'none', 'auto' and 'required'.");
      };
    }
    String name = c.path("name").asText(null);
    if (!c.path("type").asText("").equals("function") || name == null) {
      throw invalid(
          "tool_choice",
          "'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"name\":...}.");
    }
    return ToolChoice.function(name);
  }

  private static ResponseFormat format(JsonNode text, ObjectNode echo) {
    ObjectNode echoed = echo.putObject("text");
    if (text == null || text.isNull() || !text.has("format") || text.get("format").isNull()) {
      echoed.putObject("format").put("type", "text");
      return null;
    }
    JsonNode f = text.get("format");
    echoed.set("format", f);
    String type = f.path("type").asText("");
    return switch (type) {
      case "text" -> ResponseFormat.TEXT;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        String name = f.path("name").asText(null);
        if (name == null || !f.path("schema").isObject()) {
          throw invalid(
              "text.format", "'text.format' of type 'json_schema' needs a name and a schema.");
        }
        yield ResponseFormat.jsonSchema(name, f.get("schema").toString());
      }
      default ->
          throw invalid(
              "text.format.type",
              "Invalid value: '"
                  + type
                  + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
    };
  }

  private static void metadata(JsonNode m, ObjectNode echo) {
    if (m == null || m.isNull()) {
      echo.putObject("metadata");
      return;
    }
    if (!m.isObject() || m.size() > MAX_METADATA) {
      throw invalid("metadata", "'metadata' must be an object of at most 16 string values.");
    }
    m.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual() || e.getKey().length() > 64) {
                throw invalid(
                    "metadata." + e.getKey(),
                    "Metadata keys are at most 64 characters and values are strings.");
              }
            });
    echo.set("metadata", m);
  }

  private static Integer maxOutputTokens(JsonNode root) {
    if (!ChatCompletionParser.present(root, "max_output_tokens")) {
      return null;
    }
    JsonNode v = root.get("max_output_tokens");
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw invalid(
          "max_output_tokens",
          "Invalid type for 'max_output_tokens': expected an integer, but got "
              + ChatCompletionParser.kind(v)
              + ".");
    }
    if (v.asInt() < 1 || v.asInt() > MAX_OUTPUT_TOKENS) {
      throw invalid(
          "max_output_tokens",
          "Invalid 'max_output_tokens': "
              + v.asText()
              + " is outside 1 to "
              + MAX_OUTPUT_TOKENS
              + ".");
    }
    return v.asInt();
  }
}
