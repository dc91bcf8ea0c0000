package dev.switchboard.gateway.anthropic;

import static dev.switchboard.gateway.anthropic.AnthropicApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tools of a Messages request: client tools become neutral function definitions; Anthropic's
 * server tools (web search, code execution, ...) run only on Anthropic's side and are refused.
 */
final class MessagesTools {

  private MessagesTools() {}

  static List<ToolDefinition> tools(JsonNode tools, Set<String> dropped) {
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    if (!tools.isArray()) {
      throw invalid("tools: Input should be a valid list, not " + Fields.kind(tools));
    }
    List<ToolDefinition> out = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools." + i;
      JsonNode tool = Fields.object(tools.get(i), at);
      String type = Fields.text(tool, "type", at + ".type", false);
      if (type != null && !type.equals("custom")) {
        throw invalid(
            at
                + ".type: the server tool '"
                + type
                + "' is not supported through the gateway; define a client tool (name,"
                + " input_schema) instead");
      }
      String name = Fields.text(tool, "name", at + ".name", true);
      JsonNode schema = tool.get("input_schema");
      if (schema == null || !schema.isObject()) {
        throw invalid(at + ".input_schema: Field required (a JSON Schema object)");
      }
      MessageBlocks.noteCacheControl(tool, dropped);
      out.add(
          new ToolDefinition(
              name,
              Fields.text(tool, "description", at + ".description", false),
              schema.toString()));
    }
    return out;
  }

  static ToolChoice toolChoice(JsonNode c, Set<String> dropped) {
    if (c == null || c.isNull()) {
      return null;
    }
    String type = Fields.text(Fields.object(c, "tool_choice"), "type", "tool_choice.type", true);
    if (Fields.bool(c, "disable_parallel_tool_use")) {
      dropped.add("disable_parallel_tool_use");
    }
    return switch (type) {
      case "auto" -> ToolChoice.AUTO;
      case "any" -> ToolChoice.REQUIRED;
      case "none" -> ToolChoice.NONE;
      case "tool" -> ToolChoice.function(Fields.text(c, "name", "tool_choice.name", true));
      default ->
          throw invalid(
              "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none', not '"
                  + type
                  + "'");
    };
  }
}
