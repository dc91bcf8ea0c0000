package dev.switchboard.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.providers.byo.ByoWire;
import dev.switchboard.providers.byo.JsonPath;
import dev.switchboard.providers.byo.RequestTemplate;
import dev.switchboard.providers.byo.ResponseMapping;
import dev.switchboard.providers.byo.StreamMapping;
import dev.switchboard.variables.Template;
import dev.switchboard.variables.VariablesException;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a bring-your-own wire when it is saved (template JSON and placeholders, variable names,
 * JSON paths, stream format, test payload), each failure naming its field, and builds the adapter's
 * {@link ByoWire} from a stored one.
 */
final class CustomLlmRules {

  static final int MAX_TEMPLATE = 16000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A checked description, in stored form. */
  record Checked(
      String template,
      CustomLlmDraft.Mapping response,
      CustomLlmDraft.Streaming stream,
      String testPayload) {}

  private CustomLlmRules() {}

  static Checked check(CustomLlmDraft d) {
    String templateText = jsonText("requestTemplate", d.requestTemplate());
    if (templateText == null) {
      throw new InvalidRequestException("requestTemplate", "requestTemplate is required");
    }
    RequestTemplate template;
    try {
      template = RequestTemplate.parse(templateText);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("requestTemplate", e.getMessage());
    }
    for (String variable : template.variables()) {
      try {
        Template.parse("{{" + variable + "}}");
      } catch (VariablesException e) {
        throw new InvalidRequestException("requestTemplate", e.getMessage());
      }
    }
    if (d.response() == null) {
      throw new InvalidRequestException("response.textPath", "response.textPath is required");
    }
    CustomLlmDraft.Mapping m = d.response();
    CustomLlmDraft.Mapping mapping =
        new CustomLlmDraft.Mapping(
            path("response.textPath", m.textPath(), true),
            path("response.finishReasonPath", m.finishReasonPath(), false),
            path("response.inputTokensPath", m.inputTokensPath(), false),
            path("response.outputTokensPath", m.outputTokensPath(), false));
    CustomLlmDraft.Streaming stream = stream(d.stream());
    String payload = jsonText("testPayload", d.testPayload());
    if (payload != null) {
      testRequest(payload, "check");
    }
    return new Checked(template.text(), mapping, stream, payload);
  }

  private static CustomLlmDraft.Streaming stream(CustomLlmDraft.Streaming s) {
    if (s == null) {
      return null;
    }
    String format = s.format() == null ? "" : s.format().trim().toLowerCase(Locale.ROOT);
    if (!format.equals("sse") && !format.equals("ndjson")) {
      throw new InvalidRequestException("stream.format", "stream.format must be sse or ndjson");
    }
    return new CustomLlmDraft.Streaming(
        format,
        path("stream.deltaPath", s.deltaPath(), true),
        path("stream.finishReasonPath", s.finishReasonPath(), false),
        path("stream.inputTokensPath", s.inputTokensPath(), false),
        path("stream.outputTokensPath", s.outputTokensPath(), false));
  }

  private static String path(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new InvalidRequestException(field, field + " is required");
      }
      return null;
    }
    if (value.length() > 500) {
      throw new InvalidRequestException(field, field + " must be at most 500 characters");
    }
    try {
      return JsonPath.parse(value).toString();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, e.getMessage());
    }
  }

  /** A JSON object given as an object or as a string holding one, as compact text. */
  private static String jsonText(String field, Object value) {
    if (value == null) {
      return null;
    }
    String text;
    try {
      text = value instanceof String s ? s : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(field, field + " must be a JSON object");
    }
    if (text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_TEMPLATE) {
      throw new InvalidRequestException(
          field, field + " must be at most " + MAX_TEMPLATE + " characters");
    }
    return text;
  }

  /** The connection test's request from a saved payload. */
  static ChatRequest testRequest(String payload, String model) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("testPayload", "testPayload is not valid JSON");
    }
    JsonNode messages = node == null ? null : node.path("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new InvalidRequestException(
          "testPayload",
          "testPayload needs \"messages\": [{\"role\": \"user\", \"content\": ...}]");
    }
    ChatRequest.Builder b = ChatRequest.builder(model);
    for (JsonNode m : messages) {
      String content = m.path("content").asText("");
      switch (m.path("role").asText("user")) {
        case "system" -> b.message(Message.system(content));
        case "assistant" -> b.message(Message.assistant(content));
        case "user" -> b.message(Message.user(content));
        default ->
            throw new InvalidRequestException(
                "testPayload", "a test message's role is system, user or assistant");
      }
    }
    JsonNode max = node.path("max_tokens");
    if (!max.isMissingNode() && !max.isNull()) {
      if (!max.canConvertToInt() || max.asInt() < 1 || max.asInt() > 4096) {
        throw new InvalidRequestException(
            "testPayload", "testPayload max_tokens must be 1 to 4096");
      }
      b.maxOutputTokens(max.asInt());
    }
    JsonNode temperature = node.path("temperature");
    if (temperature.isNumber()) {
      b.temperature(temperature.asDouble());
    }
    return b.build();
  }

  /** The adapter's wire from a stored row, the template's variables already resolved. */
  static ByoWire wire(CustomLlm c, Map<String, String> variables, String model) {
    ResponseMapping response =
        new ResponseMapping(
            JsonPath.parse(c.textPath),
            optional(c.finishReasonPath),
            optional(c.inputTokensPath),
            optional(c.outputTokensPath));
    StreamMapping stream =
        c.streamFormat == null
            ? null
            : new StreamMapping(
                c.streamFormat.equals("ndjson")
                    ? StreamMapping.Format.NDJSON
                    : StreamMapping.Format.SSE,
                JsonPath.parse(c.streamDeltaPath),
                optional(c.streamFinishReasonPath),
                optional(c.streamInputTokensPath),
                optional(c.streamOutputTokensPath));
    ChatRequest test =
        c.testPayload == null || model == null ? null : testRequest(c.testPayload, model);
    return new ByoWire(RequestTemplate.parse(c.requestTemplate), response, stream, variables, test);
  }

  private static JsonPath optional(String path) {
    return path == null ? null : JsonPath.parse(path);
  }
}
