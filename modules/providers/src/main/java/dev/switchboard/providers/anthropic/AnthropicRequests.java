package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.providers.wire.Json;
import java.util.stream.Collectors;

/** Encodes a chat request as an Anthropic Messages body. */
final class AnthropicRequests {

  /** Anthropic requires {@code max_tokens}; this is the default when the caller sets none. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private AnthropicRequests() {}

  static ObjectNode messages(ChatRequest request, boolean stream) {
    ObjectNode body = Json.object().put("model", request.model());
    body.put(
        "max_tokens",
        request.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : request.maxOutputTokens());
    String system =
        request.messages().stream()
            .filter(m -> m.role() == Role.SYSTEM)
            .map(Message::text)
            .collect(Collectors.joining("\n\n"));
    if (!system.isEmpty()) {
      body.put("system", system);
    }
    ArrayNode messages = body.putArray("messages");
    String lastRole = null;
    ArrayNode content = null;
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
      if (!role.equals(lastRole)) {
        // Anthropic wants turns to alternate: consecutive same-role messages (several tool
        // results, say) become one turn.
        content = messages.addObject().put("role", role).putArray("content");
        lastRole = role;
      }
      addContent(content, m);
    }
    if (stream) {
      body.put("stream", true);
    }
    settings(body, request);
    return body;
  }

  private static void settings(ObjectNode body, ChatRequest request) {
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (!request.stop().isEmpty()) {
      request.stop().forEach(body.putArray("stop_sequences")::add);
    }
    if (request.user() != null) {
      body.putObject("metadata").put("user_id", request.user());
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition t : request.tools()) {
        ObjectNode tool = tools.addObject().put("name", t.name());
        if (t.description() != null) {
          tool.put("description", t.description());
        }
        tool.set("input_schema", Json.parseSchema(t.parametersSchema()));
      }
    }
    if (request.toolChoice() != null) {
      ToolChoice c = request.toolChoice();
      ObjectNode choice = body.putObject("tool_choice");
      switch (c.mode()) {
        case AUTO -> choice.put("type", "auto");
        case NONE -> choice.put("type", "none");
        case REQUIRED -> choice.put("type", "any");
        case FUNCTION -> choice.put("type", "tool").put("name", c.functionName());
      }
    }
  }

  private static void addContent(ArrayNode content, Message m) {
    if (m.role() == Role.TOOL) {
      content
          .addObject()
          .put("type", "tool_result")
          .put("tool_use_id", m.toolCallId())
          .put("content", m.text());
      return;
    }
    for (ContentPart part : m.content()) {
      if (part instanceof ContentPart.Text t) {
        if (!t.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", t.text());
        }
      } else if (part instanceof ContentPart.Image img) {
        ObjectNode source = content.addObject().put("type", "image").putObject("source");
        if (img.inline()) {
          source.put("type", "base64").put("media_type", img.mediaType());
          source.put("data", img.base64Data());
        } else {
          source.put("type", "url").put("url", img.url());
        }
      }
    }
    for (ToolCall call : m.toolCalls()) {
      ObjectNode use = content.addObject().put("type", "tool_use");
      use.put("id", call.id()).put("name", call.name());
      use.set("input", Json.parse(call.argumentsJson()));
    }
  }
}
