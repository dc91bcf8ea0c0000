package dev.switchboard.client.wire;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.EmbeddingRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Locale;

/**
 * Writes core requests as the OpenAI JSON the gateway parses: every field it supports, a single
 * text part as a plain string (what every OpenAI-compatible server accepts), images as {@code
 * image_url} parts (inline data as a {@code data:} URL), tool schemas as JSON objects.
 */
public final class ChatRequests {

  private final JsonProvider json;

  public ChatRequests(JsonProvider json) {
    this.json = json;
  }

  /** The body of {@code POST /v1/chat/completions}; a stream asks for the usage chunk. */
  public String chat(ChatRequest r, boolean stream) {
    JsonObjectBuilder root = json.createObjectBuilder().add("model", r.model());
    JsonArrayBuilder messages = json.createArrayBuilder();
    r.messages().forEach(m -> messages.add(message(m)));
    root.add("messages", messages);
    if (!r.tools().isEmpty()) {
      JsonArrayBuilder tools = json.createArrayBuilder();
      r.tools().forEach(t -> tools.add(tool(t)));
      root.add("tools", tools);
    }
    if (r.toolChoice() != null) {
      root.add("tool_choice", toolChoice(r.toolChoice()));
    }
    if (r.responseFormat() != null) {
      root.add("response_format", responseFormat(r.responseFormat()));
    }
    if (r.temperature() != null) {
      root.add("temperature", r.temperature());
    }
    if (r.topP() != null) {
      root.add("top_p", r.topP());
    }
    if (r.maxOutputTokens() != null) {
      root.add("max_completion_tokens", r.maxOutputTokens());
    }
    if (!r.stop().isEmpty()) {
      JsonArrayBuilder stop = json.createArrayBuilder();
      r.stop().forEach(stop::add);
      root.add("stop", stop);
    }
    if (r.seed() != null) {
      root.add("seed", r.seed());
    }
    if (r.user() != null) {
      root.add("user", r.user());
    }
    if (stream) {
      root.add("stream", true);
      root.add("stream_options", json.createObjectBuilder().add("include_usage", true));
    }
    return root.build().toString();
  }

  /** The body of {@code POST /v1/embeddings}, vectors asked for as base64 (exact and compact). */
  public String embeddings(EmbeddingRequest r) {
    JsonArrayBuilder input = json.createArrayBuilder();
    r.inputs().forEach(input::add);
    JsonObjectBuilder root =
        json.createObjectBuilder()
            .add("model", r.model())
            .add("input", input)
            .add("encoding_format", "base64");
    if (r.dimensions() != null) {
      root.add("dimensions", r.dimensions());
    }
    if (r.user() != null) {
      root.add("user", r.user());
    }
    return root.build().toString();
  }

  private JsonObjectBuilder message(Message m) {
    JsonObjectBuilder out =
        json.createObjectBuilder().add("role", m.role().name().toLowerCase(Locale.ROOT));
    if (m.content().isEmpty()) {
      out.addNull("content");
    } else if (m.content().size() == 1 && m.content().get(0) instanceof ContentPart.Text t) {
      out.add("content", t.text());
    } else {
      JsonArrayBuilder parts = json.createArrayBuilder();
      m.content().forEach(p -> parts.add(part(p)));
      out.add("content", parts);
    }
    if (!m.toolCalls().isEmpty()) {
      JsonArrayBuilder calls = json.createArrayBuilder();
      m.toolCalls().forEach(c -> calls.add(toolCall(c)));
      out.add("tool_calls", calls);
    }
    if (m.toolCallId() != null) {
      out.add("tool_call_id", m.toolCallId());
    }
    return out;
  }

  private JsonObjectBuilder part(ContentPart p) {
    if (p instanceof ContentPart.Text t) {
      return json.createObjectBuilder().add("type", "text").add("text", t.text());
    }
    ContentPart.Image i = (ContentPart.Image) p;
    String url = i.inline() ? "data:" + i.mediaType() + ";base64," + i.base64Data() : i.url();
    return json.createObjectBuilder()
        .add("type", "image_url")
        .add("image_url", json.createObjectBuilder().add("url", url));
  }

  private JsonObjectBuilder toolCall(ToolCall c) {
    JsonObjectBuilder call = json.createObjectBuilder();
    if (c.id() != null) {
      call.add("id", c.id());
    }
    return call.add("type", "function")
        .add(
            "function",
            json.createObjectBuilder().add("name", c.name()).add("arguments", c.argumentsJson()));
  }

  private JsonObjectBuilder tool(ToolDefinition t) {
    JsonObjectBuilder function = json.createObjectBuilder().add("name", t.name());
    if (t.description() != null) {
      function.add("description", t.description());
    }
    function.add("parameters", parse(t.parametersSchema(), "tool " + t.name()));
    return json.createObjectBuilder().add("type", "function").add("function", function);
  }

  private JsonValue toolChoice(ToolChoice c) {
    return switch (c.mode()) {
      case AUTO -> json.createValue("auto");
      case NONE -> json.createValue("none");
      case REQUIRED -> json.createValue("required");
      case FUNCTION ->
          json.createObjectBuilder()
              .add("type", "function")
              .add("function", json.createObjectBuilder().add("name", c.functionName()))
              .build();
    };
  }

  private JsonObjectBuilder responseFormat(ResponseFormat f) {
    return switch (f.kind()) {
      case TEXT -> json.createObjectBuilder().add("type", "text");
      case JSON_OBJECT -> json.createObjectBuilder().add("type", "json_object");
      case JSON_SCHEMA ->
          json.createObjectBuilder()
              .add("type", "json_schema")
              .add(
                  "json_schema",
                  json.createObjectBuilder()
                      .add("name", f.schemaName())
                      .add("schema", parse(f.schema(), "response format " + f.schemaName())));
    };
  }

  /** A JSON text the caller gave (a schema) as a value, so it goes out as JSON, not a string. */
  private JsonValue parse(String text, String what) {
    try (var reader = json.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      throw GatewayErrors.badRequest(
          "invalid_schema", "the JSON schema of " + what + " is not valid JSON", e);
    }
  }
}
