package dev.switchboard.gateway.anthropic;

import static dev.switchboard.gateway.anthropic.AnthropicApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The content blocks of one Messages turn, as neutral messages. A user turn may mix {@code
 * tool_result} blocks with text and images: each result becomes a tool message, the blocks between
 * them a user message, in the order given. An assistant turn's text and {@code tool_use} blocks
 * become one assistant message; its {@code thinking} and {@code redacted_thinking} blocks are
 * dropped (their signatures are only valid for the Anthropic model that wrote them).
 */
final class MessageBlocks {

  static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private MessageBlocks() {}

  static List<Message> user(String path, JsonNode content, Set<String> dropped) {
    if (content.isTextual()) {
      return List.of(Message.user(content.asText()));
    }
    JsonNode blocks = blocks(path, content);
    List<Message> out = new ArrayList<>();
    List<ContentPart> pending = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String at = path + "." + i;
      JsonNode block = Fields.object(blocks.get(i), at);
      noteCacheControl(block, dropped);
      String type = Fields.text(block, "type", at + ".type", true);
      switch (type) {
        case "text" ->
            pending.add(new ContentPart.Text(Fields.text(block, "text", at + ".text", true)));
        case "image" -> pending.add(image(at, block));
        case "tool_result" -> {
          if (!pending.isEmpty()) {
            out.add(Message.user(pending));
            pending = new ArrayList<>();
          }
          out.add(toolResult(at, block, dropped));
        }
        default -> throw unsupported(at, type);
      }
    }
    if (!pending.isEmpty()) {
      out.add(Message.user(pending));
    }
    return out;
  }

  static Message assistant(String path, JsonNode content, Set<String> dropped) {
    if (content.isTextual()) {
      return Message.assistant(content.asText());
    }
    JsonNode blocks = blocks(path, content);
    List<ContentPart> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String at = path + "." + i;
      JsonNode block = Fields.object(blocks.get(i), at);
      noteCacheControl(block, dropped);
      String type = Fields.text(block, "type", at + ".type", true);
      switch (type) {
        case "text" ->
            parts.add(new ContentPart.Text(Fields.text(block, "text", at + ".text", true)));
        case "tool_use" -> {
          JsonNode input = block.get("input");
          if (input == null || !input.isObject()) {
            throw invalid(at + ".input: Input should be an object");
          }
          calls.add(
              new ToolCall(
                  Fields.text(block, "id", at + ".id", true),
                  Fields.text(block, "name", at + ".name", true),
                  input.toString()));
        }
        case "thinking", "redacted_thinking" -> dropped.add("thinking");
        default -> throw unsupported(at, type);
      }
    }
    return new Message(Role.ASSISTANT, parts, calls, null);
  }

  /** Prompt-caching markers are not carried: dropped, and named back. */
  static void noteCacheControl(JsonNode block, Set<String> dropped) {
    if (Fields.present(block, "cache_control")) {
      dropped.add("cache_control");
    }
  }

  private static JsonNode blocks(String path, JsonNode content) {
    if (!content.isArray()) {
      throw invalid(path + ": Input should be a string or a list of content blocks");
    }
    return content;
  }

  private static Message toolResult(String at, JsonNode block, Set<String> dropped) {
    String id = Fields.text(block, "tool_use_id", at + ".tool_use_id", true);
    if (Fields.bool(block, "is_error")) {
      dropped.add("is_error");
    }
    JsonNode content = block.get("content");
    StringBuilder text = new StringBuilder();
    if (content != null && content.isTextual()) {
      text.append(content.asText());
    } else if (content != null && content.isArray()) {
      for (int j = 0; j < content.size(); j++) {
        String inner = at + ".content." + j;
        JsonNode part = Fields.object(content.get(j), inner);
        noteCacheControl(part, dropped);
        String type = Fields.text(part, "type", inner + ".type", true);
        if (!type.equals("text")) {
          throw invalid(
              inner
                  + ".type: only text blocks are supported inside a tool_result through the"
                  + " gateway, not '"
                  + type
                  + "'");
        }
        text.append(Fields.text(part, "text", inner + ".text", true));
      }
    } else if (content != null && !content.isNull()) {
      throw invalid(at + ".content: Input should be a string or a list of text blocks");
    }
    return Message.toolResult(id, text.toString());
  }

  private static ContentPart.Image image(String at, JsonNode block) {
    JsonNode source = Fields.object(block.get("source"), at + ".source");
    String type = Fields.text(source, "type", at + ".source.type", true);
    switch (type) {
      case "base64" -> {
        String mediaType = Fields.text(source, "media_type", at + ".source.media_type", true);
        if (!IMAGE_TYPES.contains(mediaType)) {
          throw invalid(
              at
                  + ".source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or"
                  + " 'image/webp', not '"
                  + mediaType
                  + "'");
        }
        return ContentPart.Image.ofBase64(
            Fields.text(source, "data", at + ".source.data", true), mediaType);
      }
      case "url" -> {
        return ContentPart.Image.ofUrl(Fields.text(source, "url", at + ".source.url", true));
      }
      default ->
          throw invalid(at + ".source.type: Input should be 'base64' or 'url', not '" + type + "'");
    }
  }

  private static AnthropicApiException unsupported(String at, String type) {
    return invalid(
        at
            + ".type: content blocks of type '"
            + type
            + "' are not supported through the gateway (supported: text, image, tool_use,"
            + " tool_result, thinking)");
  }
}
