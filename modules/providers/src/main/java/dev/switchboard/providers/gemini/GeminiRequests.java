package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.providers.wire.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Encodes chat and embedding requests as Gemini bodies. */
final class GeminiRequests {

  private GeminiRequests() {}

  static ObjectNode generate(ChatRequest request) {
    ObjectNode body = Json.object();
    String system =
        request.messages().stream()
            .filter(m -> m.role() == Role.SYSTEM)
            .map(Message::text)
            .collect(Collectors.joining("\n\n"));
    if (!system.isEmpty()) {
      body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
    }
    Map<String, String> toolNames = new HashMap<>();
    ArrayNode contents = body.putArray("contents");
    ObjectNode previous = null;
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      m.toolCalls().forEach(c -> toolNames.put(c.id(), c.name()));
      ObjectNode content = content(m, toolNames);
      // the results of parallel calls go back in one turn, a functionResponse part per
      // functionCall part: Gemini refuses the counts differing
      if (m.role() == Role.TOOL && previous != null) {
        ((ArrayNode) previous.get("parts")).addAll((ArrayNode) content.get("parts"));
        continue;
      }
      contents.add(content);
      previous = m.role() == Role.TOOL ? content : null;
    }
    tools(body, request);
    ObjectNode config = generationConfig(request);
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
    return body;
  }

  private static void tools(ObjectNode body, ChatRequest request) {
    if (!request.tools().isEmpty()) {
      ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolDefinition t : request.tools()) {
        ObjectNode fn = declarations.addObject().put("name", t.name());
        if (t.description() != null) {
          fn.put("description", t.description());
        }
        fn.set("parameters", Json.parseSchema(t.parametersSchema()));
      }
    }
    if (request.toolChoice() != null) {
      ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
      switch (request.toolChoice().mode()) {
        case AUTO -> config.put("mode", "AUTO");
        case NONE -> config.put("mode", "NONE");
        case REQUIRED -> config.put("mode", "ANY");
        case FUNCTION -> {
          config.put("mode", "ANY");
          config.putArray("allowedFunctionNames").add(request.toolChoice().functionName());
        }
      }
    }
  }

  private static ObjectNode generationConfig(ChatRequest request) {
    ObjectNode config = Json.object();
    if (request.temperature() != null) {
      config.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      config.put("topP", request.topP());
    }
    if (request.maxOutputTokens() != null) {
      config.put("maxOutputTokens", request.maxOutputTokens());
    }
    if (!request.stop().isEmpty()) {
      request.stop().forEach(config.putArray("stopSequences")::add);
    }
    if (request.seed() != null) {
      config.put("seed", request.seed());
    }
    ResponseFormat format = request.responseFormat();
    if (format != null && format.kind() != ResponseFormat.Kind.TEXT) {
      config.put("responseMimeType", "application/json");
      if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA) {
        config.set("responseJsonSchema", Json.parseSchema(format.schema()));
      }
    }
    return config;
  }

  private static ObjectNode content(Message m, Map<String, String> toolNames) {
    ObjectNode content = Json.object().put("role", m.role() == Role.ASSISTANT ? "model" : "user");
    ArrayNode parts = content.putArray("parts");
    if (m.role() == Role.TOOL) {
      ObjectNode response = parts.addObject().putObject("functionResponse");
      response.put("name", toolNames.getOrDefault(m.toolCallId(), m.toolCallId()));
      response.set("response", resultObject(m.text()));
      return content;
    }
    for (ContentPart part : m.content()) {
      if (part instanceof ContentPart.Text t) {
        parts.addObject().put("text", t.text());
      } else if (part instanceof ContentPart.Image img) {
        if (img.inline()) {
          parts
              .addObject()
              .putObject("inlineData")
              .put("mimeType", img.mediaType())
              .put("data", img.base64Data());
        } else {
          ObjectNode file = parts.addObject().putObject("fileData").put("fileUri", img.url());
          if (img.mediaType() != null) {
            file.put("mimeType", img.mediaType());
          }
        }
      }
    }
    for (ToolCall call : m.toolCalls()) {
      ObjectNode fn = parts.addObject().putObject("functionCall").put("name", call.name());
      fn.set("args", Json.parse(call.argumentsJson()));
    }
    return content;
  }

  /** Gemini wants the function result as an object: JSON objects pass, anything else is wrapped. */
  private static JsonNode resultObject(String text) {
    try {
      JsonNode node = Json.parse(text);
      if (node.isObject()) {
        return node;
      }
    } catch (RuntimeException notJson) {
      // plain text result
    }
    return Json.object().put("result", text);
  }

  static ObjectNode batchEmbed(String model, EmbeddingRequest request) {
    ObjectNode body = Json.object();
    ArrayNode requests = body.putArray("requests");
    for (String input : request.inputs()) {
      ObjectNode r = requests.addObject().put("model", "models/" + model);
      r.putObject("content").putArray("parts").addObject().put("text", input);
      if (request.dimensions() != null) {
        r.put("outputDimensionality", request.dimensions());
      }
    }
    return body;
  }
}
