package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.providers.wire.Json;
import java.util.Locale;

/** Encodes Switchboard requests as OpenAI Chat Completions and Embeddings bodies. */
public final class OpenAiRequests {

  private OpenAiRequests() {}

  /**
   * The chat body.
   *
   * @param modernTokenField {@code max_completion_tokens} (OpenAI itself, required by reasoning
   *     models) rather than the {@code max_tokens} compatible servers and Azure expect
   */
  public static ObjectNode chat(ChatRequest request, boolean stream, boolean modernTokenField) {
    ObjectNode body = Json.object().put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> messages.add(message(m)));
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    sampling(body, request, modernTokenField);
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      request.tools().forEach(t -> tools.add(tool(t)));
    }
    if (request.toolChoice() != null) {
      toolChoice(body, request.toolChoice());
    }
    if (request.responseFormat() != null) {
      body.set("response_format", responseFormat(request.responseFormat()));
    }
    return body;
  }

  private static void sampling(ObjectNode body, ChatRequest request, boolean modernTokenField) {
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (request.maxOutputTokens() != null) {
      body.put(
          modernTokenField ? "max_completion_tokens" : "max_tokens", request.maxOutputTokens());
    }
    if (!request.stop().isEmpty()) {
      request.stop().forEach(body.putArray("stop")::add);
    }
    if (request.seed() != null) {
      body.put("seed", request.seed());
    }
    if (request.user() != null) {
      body.put("user", request.user());
    }
  }

  public static ObjectNode embeddings(EmbeddingRequest request) {
    ObjectNode body = Json.object().put("model", request.model());
    request.inputs().forEach(body.putArray("input")::add);
    body.put("encoding_format", "float");
    if (request.dimensions() != null) {
      body.put("dimensions", request.dimensions());
    }
    if (request.user() != null) {
      body.put("user", request.user());
    }
    return body;
  }

  static ObjectNode message(Message m) {
    ObjectNode node = Json.object().put("role", m.role().name().toLowerCase(Locale.ROOT));
    if (m.hasImages()) {
      ArrayNode parts = node.putArray("content");
      for (ContentPart part : m.content()) {
        if (part instanceof ContentPart.Text t) {
          parts.addObject().put("type", "text").put("text", t.text());
        } else if (part instanceof ContentPart.Image img) {
          String url =
              img.inline() ? "data:" + img.mediaType() + ";base64," + img.base64Data() : img.url();
          parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        }
      }
    } else if (m.content().isEmpty() && !m.toolCalls().isEmpty()) {
      node.putNull("content");
    } else {
      node.put("content", m.text());
    }
    Json.putToolCalls(node, m);
    return node;
  }

  private static ObjectNode tool(ToolDefinition t) {
    ObjectNode tool = Json.object().put("type", "function");
    ObjectNode fn = tool.putObject("function").put("name", t.name());
    if (t.description() != null) {
      fn.put("description", t.description());
    }
    fn.set("parameters", Json.parseSchema(t.parametersSchema()));
    return tool;
  }

  private static void toolChoice(ObjectNode body, ToolChoice choice) {
    switch (choice.mode()) {
      case AUTO -> body.put("tool_choice", "auto");
      case NONE -> body.put("tool_choice", "none");
      case REQUIRED -> body.put("tool_choice", "required");
      case FUNCTION -> {
        ObjectNode c = body.putObject("tool_choice").put("type", "function");
        c.putObject("function").put("name", choice.functionName());
      }
    }
  }

  private static ObjectNode responseFormat(ResponseFormat format) {
    ObjectNode node = Json.object();
    switch (format.kind()) {
      case TEXT -> node.put("type", "text");
      case JSON_OBJECT -> node.put("type", "json_object");
      case JSON_SCHEMA -> {
        node.put("type", "json_schema");
        ObjectNode schema = node.putObject("json_schema").put("name", format.schemaName());
        schema.set("schema", Json.parseSchema(format.schema()));
      }
    }
    return node;
  }
}
