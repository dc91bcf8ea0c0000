package dev.switchboard.client.wire;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.function.Consumer;

/**
 * Turns the {@code data} of each SSE event of a chat stream into core stream events: text and
 * tool-call deltas, the finish reason, the usage chunk; {@code [DONE]} ends the stream, an {@code
 * error} object fails it. Keeps the last usage seen, for the end or a failure.
 */
public final class StreamChunks {

  /** What a chunk meant for the stream. */
  public sealed interface Outcome {
    /** More to come. */
    Outcome MORE = new More();

    /** Events were delivered (or none): keep reading. */
    record More() implements Outcome {}

    /** {@code [DONE]}: the stream completed. */
    record Done() implements Outcome {}

    /** An {@code error} event: the stream failed after its 200. */
    record Failed(ProviderException error) implements Outcome {}
  }

  private final JsonProvider json;
  private final Consumer<StreamEvent> events;
  private Usage usage = Usage.NONE;

  public StreamChunks(JsonProvider json, Consumer<StreamEvent> events) {
    this.json = json;
    this.events = events;
  }

  /** The usage reported so far ({@link Usage#NONE} before the usage chunk). */
  public Usage usage() {
    return usage;
  }

  /** Handles one event's data; a malformed chunk is a protocol error, thrown. */
  public Outcome accept(String data) {
    if (data.equals("[DONE]")) {
      return new Outcome.Done();
    }
    JsonObject chunk;
    try (var reader = json.createReader(new StringReader(data))) {
      chunk = reader.readObject();
    } catch (RuntimeException e) {
      throw GatewayErrors.protocol("malformed_chunk", "a stream chunk is not a JSON object", e);
    }
    JsonObject error = ChatResponses.object(chunk, "error");
    if (error != null) {
      return new Outcome.Failed(GatewayErrors.of(0, error, null));
    }
    JsonArray choices = ChatResponses.array(chunk, "choices");
    if (choices != null && !choices.isEmpty()) {
      choice(choices.getJsonObject(0));
    }
    JsonObject u = ChatResponses.object(chunk, "usage");
    if (u != null) {
      usage = ChatResponses.usage(u);
      events.accept(new StreamEvent.UsageReport(usage));
    }
    return Outcome.MORE;
  }

  private void choice(JsonObject choice) {
    JsonObject delta = ChatResponses.object(choice, "delta");
    String text = ChatResponses.string(delta, "content");
    if (text != null && !text.isEmpty()) {
      events.accept(new StreamEvent.TextDelta(text));
    }
    JsonArray calls = ChatResponses.array(delta, "tool_calls");
    if (calls != null) {
      for (JsonValue v : calls) {
        JsonObject call = v.asJsonObject();
        JsonObject f = ChatResponses.object(call, "function");
        events.accept(
            new StreamEvent.ToolCallDelta(
                call.getInt("index", 0),
                ChatResponses.string(call, "id"),
                ChatResponses.string(f, "name"),
                ChatResponses.string(f, "arguments")));
      }
    }
    String finish = ChatResponses.string(choice, "finish_reason");
    if (finish != null) {
      events.accept(new StreamEvent.Finish(ChatResponses.finishReason(finish)));
    }
  }
}
