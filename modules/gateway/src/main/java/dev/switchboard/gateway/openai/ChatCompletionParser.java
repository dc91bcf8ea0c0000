package dev.switchboard.gateway.openai;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI chat completion request into the provider-neutral model, refusing bad input with
 * OpenAI's 400 before any upstream call: invalid JSON, wrong types, missing fields, values out of
 * range, too many messages, absurd {@code max_tokens}. Each refusal names the field.
 */
public final class ChatCompletionParser {

  static final int MAX_MESSAGES = 2048;
  static final int MAX_OUTPUT_TOKENS = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatCompletionParser() {}

  public static ChatCompletionRequest parse(byte[] body) {
    JsonNode root = readObject(body);
    ChatRequest.Builder b = ChatRequest.builder(text(root, "model", true));
    for (Message m : messages(root.get("messages"))) {
      b.message(m);
    }
    Double temperature = number(root, "temperature", 0, 2);
    if (temperature != null) {
      b.temperature(temperature);
    }
    Double topP = number(root, "top_p", 0, 1);
    if (topP != null) {
      b.topP(topP);
    }
    Integer max = maxTokens(root);
    if (max != null) {
      b.maxOutputTokens(max);
    }
    stop(root.get("stop")).forEach(b::stop);
    if (present(root, "seed")) {
      b.seed(integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }
    String user = text(root, "user", false);
    if (user != null) {
      b.endUser(user);
    }
    if (present(root, "n") && !(root.get("n").isIntegralNumber() && root.get("n").asLong() == 1)) {
      throw invalid("n", "Only n=1 is supported.");
    }
    ChatTools.tools(root.get("tools")).forEach(b::tool);
    ToolChoice choice = ChatTools.toolChoice(root.get("tool_choice"));
    if (choice != null) {
      b.toolChoice(choice);
    }
    ResponseFormat format = responseFormat(root.get("response_format"));
    if (format != null) {
      b.responseFormat(format);
    }
    boolean stream = bool(root, "stream");
    JsonNode options = root.get("stream_options");
    boolean includeUsage =
        options != null && !options.isNull() && options.path("include_usage").asBoolean(false);
    return new ChatCompletionRequest(b.build(), stream, includeUsage, variables(root));
  }

  static final int MAX_VARIABLES = 64;
  private static final java.util.regex.Pattern VARIABLE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

  /**
   * Switchboard's {@code variables}: an object of string values, for a feature's template (read by
   * every door that takes them).
   */
  public static java.util.Map<String, String> variables(JsonNode root) {
    JsonNode node = root.get("variables");
    if (node == null || node.isNull()) {
      return java.util.Map.of();
    }
    if (!node.isObject()) {
      throw invalid(
          "variables",
          "Invalid type for 'variables': expected an object of strings, but got "
              + kind(node)
              + ".");
    }
    if (node.size() > MAX_VARIABLES) {
      throw invalid("variables", "'variables' has more than " + MAX_VARIABLES + " entries.");
    }
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!VARIABLE_NAME.matcher(e.getKey()).matches()) {
        throw invalid(
            "variables." + e.getKey(),
            "A variable name starts with a letter or '_' and has at most 100 letters, digits, '_',"
                + " '.' or '-'.");
      }
      if (!e.getValue().isTextual()) {
        throw invalid(
            "variables." + e.getKey(),
            "Invalid type for 'variables."
                + e.getKey()
                + "': expected a string, but got "
                + kind(e.getValue())
                + ".");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /**
   * A request body of at most {@code max} bytes; a larger one is OpenAI's 413.
   *
   * @throws OpenAiApiException 413 when the body is too large
   */
  public static byte[] readBody(java.io.InputStream in, int max) throws java.io.IOException {
    byte[] bytes = in.readNBytes(max + 1);
    if (bytes.length > max) {
      throw new OpenAiApiException(
          413,
          "invalid_request_error",
          null,
          "request_too_large",
          "The request body is larger than " + max + " bytes.");
    }
    return bytes;
  }

  public static JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid(
          null,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)");
    } catch (java.io.IOException e) {
      throw invalid(null, "The request body could not be read.");
    }
    if (root == null || !root.isObject()) {
      throw invalid(null, "The request body must be a JSON object.");
    }
    return root;
  }

  private static List<Message> messages(JsonNode node) {
    if (node == null || node.isNull()) {
      throw invalid("messages", "Missing required parameter: 'messages'.");
    }
    if (!node.isArray()) {
      throw invalid(
          "messages",
          "Invalid type for 'messages': expected an array, but got " + kind(node) + ".");
    }
    if (node.isEmpty()) {
      throw invalid("messages", "'messages' must contain at least one message.");
    }
    if (node.size() > MAX_MESSAGES) {
      throw invalid(
          "messages",
          "'messages' has " + node.size() + " items; at most " + MAX_MESSAGES + " are allowed.");
    }
    List<Message> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(message("messages[" + i + "]", node.get(i)));
    }
    return out;
  }

  private static Message message(String path, JsonNode m) {
    if (!m.isObject()) {
      throw invalid(
          path, "Invalid type for '" + path + "': expected an object, but got " + kind(m) + ".");
    }
    String role = text(m, "role", true, path + ".role");
    List<ContentPart> content = content(path + ".content", m.get("content"));
    return switch (role) {
      case "system", "developer" -> new Message(Role.SYSTEM, content, List.of(), null);
      case "user" -> new Message(Role.USER, content, List.of(), null);
      case "assistant" ->
          new Message(
              Role.ASSISTANT,
              content,
              ChatTools.toolCalls(path + ".tool_calls", m.get("tool_calls")),
              null);
      case "tool" ->
          new Message(
              Role.TOOL,
              content,
              List.<ToolCall>of(),
              text(m, "tool_call_id", true, path + ".tool_call_id"));
      default ->
          throw invalid(
              path + ".role",
              "Invalid value: '"
                  + role
                  + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.");
    };
  }

  private static List<ContentPart> content(String path, JsonNode c) {
    if (c == null || c.isNull()) {
      return List.of();
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
              + kind(c)
              + ".");
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      JsonNode p = c.get(i);
      String type = p.path("type").asText("");
      if (type.equals("text")) {
        parts.add(new ContentPart.Text(text(p, "text", true, path + "[" + i + "].text")));
      } else if (type.equals("image_url")) {
        String url = p.path("image_url").path("url").asText(null);
        if (url == null || url.isBlank()) {
          throw invalid(
              path + "[" + i + "].image_url.url",
              "Missing required parameter: '" + path + "[" + i + "].image_url.url'.");
        }
        parts.add(ContentPart.Image.ofUrl(url));
      } else {
        throw invalid(
            path + "[" + i + "].type",
            "Invalid value: '" + type + "'. Supported values are: 'text' and 'image_url'.");
      }
    }
    return parts;
  }

  private static Integer maxTokens(JsonNode root) {
    String field = present(root, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    return present(root, field) ? (int) integer(root, field, 1, MAX_OUTPUT_TOKENS) : null;
  }

  private static List<String> stop(JsonNode s) {
    if (s == null || s.isNull()) {
      return List.of();
    }
    if (s.isTextual()) {
      return List.of(s.asText());
    }
    if (!s.isArray() || s.size() > 4) {
      throw invalid("stop", "'stop' must be a string or an array of at most 4 strings.");
    }
    List<String> out = new ArrayList<>();
    s.forEach(
        x -> {
          if (!x.isTextual()) {
            throw invalid("stop", "'stop' must be a string or an array of at most 4 strings.");
          }
          out.add(x.asText());
        });
    return out;
  }

  private static ResponseFormat responseFormat(JsonNode f) {
    if (f == null || f.isNull()) {
      return null;
    }
    String type = f.path("type").asText("");
    return switch (type) {
      case "text" -> ResponseFormat.TEXT;
      case "json_object" -> ResponseFormat.JSON_OBJECT;
      case "json_schema" -> {
        JsonNode js = f.path("json_schema");
        String name = js.path("name").asText(null);
        if (name == null || !js.has("schema")) {
          throw invalid(
              "response_format.json_schema",
              "'response_format.json_schema' needs a name and a schema.");
        }
        yield ResponseFormat.jsonSchema(name, js.get("schema").toString());
      }
      default ->
          throw invalid(
              "response_format.type",
              "Invalid value: '"
                  + type
                  + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
    };
  }

  public static boolean present(JsonNode n, String field) {
    return n.has(field) && !n.get(field).isNull();
  }

  static String text(JsonNode n, String field, boolean required) {
    return text(n, field, required, field);
  }

  public static String text(JsonNode n, String field, boolean required, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw invalid(path, "Missing required parameter: '" + path + "'.");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(
          path, "Invalid type for '" + path + "': expected a string, but got " + kind(v) + ".");
    }
    return v.asText();
  }

  /** A number field within a range; {@code null} when absent. */
  public static Double number(JsonNode n, String field, double min, double max) {
    if (!present(n, field)) {
      return null;
    }
    JsonNode v = n.get(field);
    if (!v.isNumber()) {
      throw invalid(
          field, "Invalid type for '" + field + "': expected a number, but got " + kind(v) + ".");
    }
    if (v.asDouble() < min || v.asDouble() > max) {
      throw invalid(
          field,
          "Invalid '"
              + field
              + "': "
              + v.asText()
              + " is outside "
              + (int) min
              + " to "
              + (int) max
              + ".");
    }
    return v.asDouble();
  }

  private static long integer(JsonNode n, String field, long min, long max) {
    JsonNode v = n.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(
          field, "Invalid type for '" + field + "': expected an integer, but got " + kind(v) + ".");
    }
    if (v.asLong() < min || v.asLong() > max) {
      throw invalid(
          field,
          "Invalid '" + field + "': " + v.asText() + " is outside " + min + " to " + max + ".");
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode n, String field) {
    return bool(n, field, false);
  }

  /** A boolean field; {@code absent} when it is missing or null. */
  public static boolean bool(JsonNode n, String field, boolean absent) {
    if (!present(n, field)) {
      return absent;
    }
    if (!n.get(field).isBoolean()) {
      throw invalid(
          field,
          "Invalid type for '"
              + field
              + "': expected a boolean, but got "
              + kind(n.get(field))
              + ".");
    }
    return n.get(field).asBoolean();
  }

  /** How a refusal names a JSON value's kind: "a string", "an array", ... */
  public static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "an array";
    }
    return v.isObject() ? "an object" : "null";
  }
}
