package dev.switchboard.gateway.responses;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.gateway.openai.ChatCompletionParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Responses input items to neutral messages and back. Messages (any role, text and image parts),
 * {@code function_call} and {@code function_call_output} items translate; consecutive function
 * calls join the assistant message before them, as one assistant turn. {@code reasoning} items are
 * dropped: the neutral model carries no reasoning content, so no provider gets it back (its tokens
 * are still counted in usage). Items that need OpenAI's hosted tools or server state ({@code
 * item_reference}, {@code web_search_call}, ...) are a 400 naming the item.
 */
final class InputItems {

  static final int MAX_ITEMS = 2048;
  private static final ObjectMapper JSON = new ObjectMapper();

  private InputItems() {}

  /** The request's {@code input}: a string (one user message) or an array of items. */
  static List<ObjectNode> normalize(JsonNode input) {
    if (input == null || input.isNull()) {
      throw invalid("input", "Missing required parameter: 'input'.");
    }
    if (input.isTextual()) {
      return List.of(userText(input.asText()));
    }
    if (!input.isArray()) {
      throw invalid(
          "input",
          "Invalid type for 'input': expected a string or an array of input items, but got "
              + ChatCompletionParser.kind(input)
              + ".");
    }
    if (input.size() > MAX_ITEMS) {
      throw invalid(
          "input",
          "'input' has " + input.size() + " items; at most " + MAX_ITEMS + " are allowed.");
    }
    List<ObjectNode> items = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      if (!item.isObject()) {
        throw invalid(
            "input[" + i + "]",
            "Invalid type for 'input["
                + i
                + "]': expected an object, but got "
                + ChatCompletionParser.kind(item)
                + ".");
      }
      ObjectNode copy = ((ObjectNode) item).deepCopy();
      if (!copy.has("type") && copy.has("role")) {
        copy.put("type", "message"); // the "easy" input message
      }
      // refuse now what cannot be translated, naming this request's item
      toMessages(List.of(copy), "input[" + i + "]");
      items.add(copy);
    }
    return items;
  }

  static ObjectNode userText(String text) {
    ObjectNode m = JSON.createObjectNode().put("type", "message").put("role", "user");
    m.putArray("content").addObject().put("type", "input_text").put("text", text);
    return m;
  }

  static List<Message> toMessages(List<ObjectNode> items) {
    return toMessages(items, null);
  }

  private static List<Message> toMessages(List<ObjectNode> items, String fixedPath) {
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = fixedPath != null ? fixedPath : "input[" + i + "]";
      ObjectNode item = items.get(i);
      String type = item.path("type").asText("");
      switch (type) {
        case "message" -> out.add(message(path, item));
        case "function_call" -> addCall(out, call(path, item));
        case "function_call_output" ->
            out.add(
                Message.toolResult(
                    text(item, "call_id", path), output(path + ".output", item.get("output"))));
        case "reasoning" -> {
          // dropped: see the class comment
        }
        default ->
            throw invalid(
                path + ".type",
                "Input items of type '"
                    + type
                    + "' are not supported by this gateway: use messages, function_call and"
                    + " function_call_output items.");
      }
    }
    return out;
  }

  private static Message message(String path, ObjectNode item) {
    String role = text(item, "role", path);
    List<ContentPart> content = content(path + ".content", item.get("content"));
    return switch (role) {
      case "user" -> new Message(Role.USER, content, List.of(), null);
      case "system", "developer" -> new Message(Role.SYSTEM, content, List.of(), null);
      case "assistant" -> new Message(Role.ASSISTANT, content, List.of(), null);
      default ->
          throw invalid(
              path + ".role",
              "Invalid value: '"
                  + role
                  + "'. Supported values are: 'user', 'assistant', 'system' and 'developer'.");
    };
  }

  private static List<ContentPart> content(String path, JsonNode c) {
    if (c == null || c.isNull()) {
      throw invalid(path, "Missing required parameter: '" + path + "'.");
    }
    if (c.isTextual()) {
      return List.of(new ContentPart.Text(c.asText()));
    }
    if (!c.isArray()) {
      throw invalid(
          path,
          "Invalid type for '"
              + path
              + "': expected a string or an array of content parts, but got "
              + ChatCompletionParser.kind(c)
              + ".");
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      JsonNode p = c.get(i);
      String at = path + "[" + i + "]";
      String type = p.path("type").asText("");
      switch (type) {
        case "input_text", "output_text" -> parts.add(new ContentPart.Text(text(p, "text", at)));
        case "refusal" -> parts.add(new ContentPart.Text(text(p, "refusal", at)));
        case "input_image" -> {
          String url = ChatCompletionParser.text(p, "image_url", false, at + ".image_url");
          if (url == null || url.isBlank()) {
            throw invalid(
                at + ".image_url",
                "Only images given by 'image_url' (a URL or a data URL) are supported.");
          }
          parts.add(ContentPart.Image.ofUrl(url));
        }
        default ->
            throw invalid(
                at + ".type",
                "Invalid value: '"
                    + type
                    + "'. Supported values are: 'input_text', 'output_text', 'refusal' and"
                    + " 'input_image'.");
      }
    }
    return parts;
  }

  private static ToolCall call(String path, ObjectNode item) {
    String arguments = ChatCompletionParser.text(item, "arguments", false, path + ".arguments");
    return new ToolCall(
        text(item, "call_id", path),
        text(item, "name", path),
        arguments == null ? "{}" : arguments);
  }

  /** A call joins the assistant turn it follows; otherwise it opens one. */
  private static void addCall(List<Message> out, ToolCall call) {
    Message last = out.isEmpty() ? null : out.get(out.size() - 1);
    if (last != null && last.role() == Role.ASSISTANT) {
      List<ToolCall> calls = new ArrayList<>(last.toolCalls());
      calls.add(call);
      out.set(out.size() - 1, new Message(Role.ASSISTANT, last.content(), calls, null));
    } else {
      out.add(new Message(Role.ASSISTANT, List.of(), List.of(call), null));
    }
  }

  /** A function call's output: a string, or content parts whose texts are joined. */
  private static String output(String path, JsonNode o) {
    if (o == null || o.isNull()) {
      throw invalid(path, "Missing required parameter: '" + path + "'.");
    }
    if (o.isTextual()) {
      return o.asText();
    }
    if (!o.isArray()) {
      throw invalid(
          path,
          "Invalid type for '"
              + path
              + "': expected a string or an array of content parts, but got "
              + ChatCompletionParser.kind(o)
              + ".");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < o.size(); i++) {
      JsonNode p = o.get(i);
      if (!p.path("type").asText("").equals("input_text")) {
        throw invalid(
            path + "[" + i + "].type", "A function call's output parts must be 'input_text'.");
      }
      sb.append(text(p, "text", path + "[" + i + "]"));
    }
    return sb.toString();
  }

  private static String text(JsonNode node, String field, String path) {
    return ChatCompletionParser.text(node, field, true, path + "." + field);
  }
}
