package dev.switchboard.gateway.anthropic;

import static dev.switchboard.gateway.anthropic.AnthropicApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of a request's JSON fields, each refusing a wrong or missing value with a 400 that
 * names the field by its path, as Anthropic does ({@code messages.0.content: Field required}).
 */
final class Fields {

  private Fields() {}

  static boolean present(JsonNode n, String field) {
    return n.has(field) && !n.get(field).isNull();
  }

  static String text(JsonNode n, String field, String path, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw invalid(path + ": Field required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(path + ": Input should be a valid string, not " + kind(v));
    }
    return v.asText();
  }

  static JsonNode array(JsonNode n, String field, String path, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw invalid(path + ": Field required");
      }
      return null;
    }
    if (!v.isArray()) {
      throw invalid(path + ": Input should be a valid list, not " + kind(v));
    }
    return v;
  }

  static JsonNode object(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw invalid(path + ": Input should be an object, not " + (n == null ? "nothing" : kind(n)));
    }
    return n;
  }

  static long integer(JsonNode n, String field, long min, long max) {
    JsonNode v = n.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(field + ": Input should be a valid integer, not " + kind(v));
    }
    if (v.asLong() < min || v.asLong() > max) {
      throw invalid(field + ": " + v.asText() + " is outside " + min + " to " + max);
    }
    return v.asLong();
  }

  static Double number(JsonNode n, String field, double min, double max) {
    if (!present(n, field)) {
      return null;
    }
    JsonNode v = n.get(field);
    if (!v.isNumber()) {
      throw invalid(field + ": Input should be a valid number, not " + kind(v));
    }
    if (v.asDouble() < min || v.asDouble() > max) {
      throw invalid(field + ": " + v.asText() + " is outside " + min + " to " + max);
    }
    return v.asDouble();
  }

  static boolean bool(JsonNode n, String field) {
    if (!present(n, field)) {
      return false;
    }
    if (!n.get(field).isBoolean()) {
      throw invalid(field + ": Input should be a valid boolean, not " + kind(n.get(field)));
    }
    return n.get(field).asBoolean();
  }

  static String kind(JsonNode v) {
    return dev.switchboard.gateway.openai.ChatCompletionParser.kind(v);
  }
}
