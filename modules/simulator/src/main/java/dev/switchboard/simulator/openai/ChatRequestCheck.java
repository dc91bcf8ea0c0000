package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What OpenAI refuses in a chat completion request before it looks at the model: a 400 {@code
 * invalid_request_error} whose {@code param} names the field and whose {@code code} says what is
 * wrong ({@code missing_required_parameter}, {@code invalid_type}, {@code empty_array}, {@code
 * invalid_value}, {@code integer_below_min_value}, {@code decimal_above_max_value}, ...), worded as
 * OpenAI words it.
 */
final class ChatRequestCheck {

  /** A refusal: the message, the offending parameter, the error code. */
  record Refusal(String message, String param, String code) {}

  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");
  private static final String ROLE_LIST =
      "'system', 'assistant', 'user', 'function', 'tool', and 'developer'";

  private ChatRequestCheck() {}

  /** The first refusal of the request, or null when OpenAI would accept it. */
  static Refusal check(JsonNode request, boolean modelFromBody) {
    Refusal r = modelFromBody ? model(request.get("model")) : null;
    if (r == null) {
      r = messages(request.get("messages"));
    }
    for (String name : new String[] {"max_tokens", "max_completion_tokens"}) {
      if (r == null) {
        r = positiveInteger(request.get(name), name);
      }
    }
    if (r == null) {
      r = decimal(request.get("temperature"), "temperature", 0, 2);
    }
    if (r == null) {
      r = decimal(request.get("top_p"), "top_p", 0, 1);
    }
    if (r == null) {
      r = bool(request.get("stream"), "stream");
    }
    return r;
  }

  /** {@code max_tokens} over what the model can write. */
  static Refusal tooLarge(String param, int value, int limit) {
    return new Refusal(
        param
            + " is too large: "
            + value
            + ". This model supports at most "
            + limit
            + " completion tokens, whereas you provided "
            + value
            + ".",
        param,
        "invalid_value");
  }

  private static Refusal model(JsonNode model) {
    if (model == null || model.isNull()) {
      return new Refusal("you must provide a model parameter", null, null);
    }
    return model.isTextual() ? null : wrongType("model", "a string", model);
  }

  private static Refusal messages(JsonNode messages) {
    if (messages == null) {
      return missing("messages");
    }
    if (!messages.isArray()) {
      return wrongType("messages", "an array", messages);
    }
    if (messages.isEmpty()) {
      return new Refusal(
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an"
              + " empty array instead.",
          "messages",
          "empty_array");
    }
    for (int i = 0; i < messages.size(); i++) {
      Refusal r = message(messages.get(i), "messages[" + i + "]");
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static Refusal message(JsonNode message, String at) {
    if (!message.isObject()) {
      return wrongType(at, "an object", message);
    }
    JsonNode role = message.get("role");
    if (role == null) {
      return missing(at + ".role");
    }
    if (!role.isTextual() || !ROLES.contains(role.textValue())) {
      return new Refusal(
          "Invalid value: '" + role.asText() + "'. Supported values are: " + ROLE_LIST + ".",
          at + ".role",
          "invalid_value");
    }
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      // an assistant turn may carry only tool calls
      return role.textValue().equals("assistant") ? null : missing(at + ".content");
    }
    if (!content.isTextual() && !content.isArray()) {
      return wrongType(at + ".content", "one of a string or array of objects", content);
    }
    return null;
  }

  private static Refusal positiveInteger(JsonNode value, String name) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      return wrongType(name, "an integer", value);
    }
    if (value.asLong() < 1) {
      return new Refusal(
          "Invalid '"
              + name
              + "': integer below minimum value. Expected a value >= 1, but got "
              + value.asText()
              + " instead.",
          name,
          "integer_below_min_value");
    }
    return null;
  }

  private static Refusal decimal(JsonNode value, String name, double min, double max) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      return wrongType(name, "a decimal", value);
    }
    double v = value.asDouble();
    if (v < min || v > max) {
      boolean below = v < min;
      return new Refusal(
          "Invalid '"
              + name
              + "': decimal "
              + (below ? "below minimum" : "above maximum")
              + " value. Expected a value "
              + (below ? ">= " + plain(min) : "<= " + plain(max))
              + ", but got "
              + value.asText()
              + " instead.",
          name,
          below ? "decimal_below_min_value" : "decimal_above_max_value");
    }
    return null;
  }

  private static Refusal bool(JsonNode value, String name) {
    if (value == null || value.isNull() || value.isBoolean()) {
      return null;
    }
    return wrongType(name, "a boolean", value);
  }

  private static Refusal missing(String param) {
    return new Refusal(
        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  private static Refusal wrongType(String param, String expected, JsonNode got) {
    return new Refusal(
        "Invalid type for '"
            + param
            + "': expected "
            + expected
            + ", but got "
            + kind(got)
            + " instead.",
        param,
        "invalid_type");
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a decimal";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
