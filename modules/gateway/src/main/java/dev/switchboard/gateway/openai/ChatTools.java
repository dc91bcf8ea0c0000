package dev.switchboard.gateway.openai;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** The tool parts of an OpenAI chat request: definitions, the choice, and an assistant's calls. */
final class ChatTools {

  private ChatTools() {}

  static List<ToolDefinition> tools(JsonNode tools) {
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
      JsonNode f = tools.get(i).path("function");
      String path = "tools[" + i + "].function";
      if (!tools.get(i).path("type").asText("").equals("function") || !f.isObject()) {
        throw invalid(
            "tools[" + i + "].type",
            "Each tool must be {\"type\": \"function\", \"function\": {...}}.");
      }
      String name = ChatCompletionParser.text(f, "name", true, path + ".name");
      String description =
          ChatCompletionParser.text(f, "description", false, path + ".description");
      JsonNode params = f.get("parameters");
      out.add(
          new ToolDefinition(
              name,
              description,
              params == null || params.isNull()
                  ? "{\"type\":\"object\",\"properties\":{}}"
                  : params.toString()));
    }
    return out;
  }

  static ToolChoice toolChoice(JsonNode c) {
    if (c == null || c.isNull()) {
      return null;
    }
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
    String name = c.path("function").path("name").asText(null);
    if (!c.path("type").asText("").equals("function") || name == null) {
      throw invalid(
          "tool_choice",
          "'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}.");
    }
    return ToolChoice.function(name);
  }

  static List<ToolCall> toolCalls(String path, JsonNode calls) {
    if (calls == null || calls.isNull()) {
      return List.of();
    }
    if (!calls.isArray()) {
      throw invalid(
          path,
          "Invalid type for '"
              + path
              + "': expected an array, but got "
              + ChatCompletionParser.kind(calls)
              + ".");
    }
    List<ToolCall> out = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      JsonNode f = call.path("function");
      out.add(
          new ToolCall(
              ChatCompletionParser.text(call, "id", true, path + "[" + i + "].id"),
              ChatCompletionParser.text(f, "name", true, path + "[" + i + "].function.name"),
              f.path("arguments").asText("{}")));
    }
    return out;
  }
}
