package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.gateway.openai.OpenAiErrors;
import dev.switchboard.gateway.openai.StreamFraming;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A routed stream as OpenAI's Responses events, numbered by {@code sequence_number}: {@code
 * response.created} and {@code response.in_progress}; per output item {@code
 * response.output_item.added}, its deltas ({@code response.output_text.delta} in a {@code
 * response.content_part}, or {@code response.function_call_arguments.delta}), their {@code .done}
 * events and {@code response.output_item.done}; then {@code response.completed} (or {@code
 * response.incomplete}) with the usage, or {@code error} and {@code response.failed}.
 *
 * <p>The closing {@code response.completed} is written on the response thread, after {@code
 * onStored} has run there: a stored response can be retrieved or continued as soon as its
 * completion reaches the caller, and the store never blocks the router's I/O thread.
 */
final class ResponseEvents implements StreamFraming {

  private final ResponseObject response;
  private final Consumer<ObjectNode> onCompleted;
  private final byte[] opening;
  private final List<ObjectNode> output = new ArrayList<>();
  private int sequence;
  private FinishReason finish = FinishReason.STOP;
  // the item being written: a message (text != null) or a function call (callIndex >= 0)
  private StringBuilder text;
  private StringBuilder arguments;
  private int callIndex = -1;
  private String callId;
  private String callName;
  private int messages;
  private ObjectNode last;
  private byte[] closing;

  /**
   * @param onCompleted runs on the response thread with the completed response object, before
   *     {@code response.completed} is written (the store); it may block
   */
  ResponseEvents(ResponseObject response, Consumer<ObjectNode> onCompleted) {
    this.response = response;
    this.onCompleted = onCompleted;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectNode created = response.inProgress();
    out.writeBytes(frame("response.created", event("response.created").set("response", created)));
    out.writeBytes(
        frame("response.in_progress", event("response.in_progress").set("response", created)));
    this.opening = out.toByteArray();
  }

  @Override
  public byte[] opening() {
    return opening;
  }

  @Override
  public synchronized byte[] event(StreamEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (event instanceof StreamEvent.TextDelta t) {
      if (text == null) {
        closeItem(out);
        openMessage(out);
      }
      text.append(t.text());
      out.writeBytes(
          frame(
              "response.output_text.delta",
              inContent(event("response.output_text.delta"))
                  .put("delta", t.text())
                  .set("logprobs", ResponseObject.JSON.createArrayNode())));
    } else if (event instanceof StreamEvent.ToolCallDelta t) {
      if (callIndex != t.index()) {
        closeItem(out);
        openCall(out, t);
      }
      if (!t.argumentsFragment().isEmpty()) {
        arguments.append(t.argumentsFragment());
        out.writeBytes(
            frame(
                "response.function_call_arguments.delta",
                inItem(event("response.function_call_arguments.delta"))
                    .put("delta", t.argumentsFragment())));
      }
    } else if (event instanceof StreamEvent.Finish f) {
      finish = f.reason();
    }
    return out.size() == 0 ? null : out.toByteArray();
  }

  @Override
  public synchronized byte[] completed(Usage usage) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    closeItem(out);
    if (output.isEmpty()) {
      // a reply without any text: still one (empty) message, as a non-streaming reply has
      openMessage(out);
      closeItem(out);
    }
    last = response.completed(output, finish, usage);
    String type =
        last.path("status").asText().equals("incomplete")
            ? "response.incomplete"
            : "response.completed";
    closing = frame(type, event(type).set("response", last));
    return out.toByteArray();
  }

  @Override
  public byte[] failed(ProviderException error) {
    OpenAiErrors.Shape shape = OpenAiErrors.of(error);
    return failed(error.getMessage(), shape.type(), shape.code());
  }

  @Override
  public byte[] cutOff(String message, Cut why) {
    return why == Cut.DEADLINE
        ? failed(message, "timeout", "deadline_exceeded")
        : failed(message, "server_error", "stream_buffer_full");
  }

  /** The {@code error} and {@code response.failed} events of a stream that failed. */
  synchronized byte[] failed(String message, String type, String code) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectNode error = event("error").put("code", code).put("message", message);
    error.putNull("param");
    out.writeBytes(frame("error", error));
    out.writeBytes(
        frame(
            "response.failed",
            event("response.failed").set("response", response.failed(output, code, message))));
    closing = null;
    last = null;
    return out.toByteArray();
  }

  @Override
  public byte[] closing() {
    ObjectNode done;
    byte[] bytes;
    synchronized (this) {
      done = last;
      bytes = closing;
    }
    if (done == null) {
      return null;
    }
    onCompleted.accept(done);
    return bytes;
  }

  private void openMessage(ByteArrayOutputStream out) {
    text = new StringBuilder();
    ObjectNode item = ResponseObject.message(response.messageId(messages), null, "in_progress");
    out.writeBytes(
        frame(
            "response.output_item.added",
            event("response.output_item.added")
                .put("output_index", output.size())
                .set("item", item)));
    out.writeBytes(
        frame(
            "response.content_part.added",
            inContent(event("response.content_part.added"))
                .set("part", ResponseObject.outputText(""))));
  }

  private void openCall(ByteArrayOutputStream out, StreamEvent.ToolCallDelta t) {
    callIndex = t.index();
    callId = t.id() == null ? "call_" + callIndex : t.id();
    callName = t.name() == null ? "" : t.name();
    arguments = new StringBuilder();
    ObjectNode item =
        ResponseObject.functionCall(
            response.callItemId(callIndex), callId, callName, "", "in_progress");
    out.writeBytes(
        frame(
            "response.output_item.added",
            event("response.output_item.added")
                .put("output_index", output.size())
                .set("item", item)));
  }

  /** Ends the item being written with its done events, adding it to the output. */
  private void closeItem(ByteArrayOutputStream out) {
    if (text != null) {
      String full = text.toString();
      out.writeBytes(
          frame(
              "response.output_text.done",
              inContent(event("response.output_text.done"))
                  .put("text", full)
                  .set("logprobs", ResponseObject.JSON.createArrayNode())));
      out.writeBytes(
          frame(
              "response.content_part.done",
              inContent(event("response.content_part.done"))
                  .set("part", ResponseObject.outputText(full))));
      ObjectNode item = ResponseObject.message(response.messageId(messages), full, "completed");
      done(out, item);
      messages++;
      text = null;
    } else if (callIndex >= 0 && arguments != null) {
      String args = arguments.toString();
      out.writeBytes(
          frame(
              "response.function_call_arguments.done",
              inItem(event("response.function_call_arguments.done"))
                  .put("name", callName)
                  .put("arguments", args)));
      done(
          out,
          ResponseObject.functionCall(
              response.callItemId(callIndex), callId, callName, args, "completed"));
      arguments = null;
    }
  }

  private void done(ByteArrayOutputStream out, ObjectNode item) {
    out.writeBytes(
        frame(
            "response.output_item.done",
            event("response.output_item.done")
                .put("output_index", output.size())
                .set("item", item)));
    output.add(item);
  }

  private ObjectNode inItem(ObjectNode e) {
    String itemId = text != null ? response.messageId(messages) : response.callItemId(callIndex);
    return e.put("item_id", itemId).put("output_index", output.size());
  }

  private ObjectNode inContent(ObjectNode e) {
    return inItem(e).put("content_index", 0);
  }

  private ObjectNode event(String type) {
    return ResponseObject.JSON
        .createObjectNode()
        .put("type", type)
        .put("sequence_number", sequence++);
  }

  private static byte[] frame(String type, ObjectNode data) {
    try {
      return ("event: " + type + "\ndata: " + ResponseObject.JSON.writeValueAsString(data) + "\n\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
