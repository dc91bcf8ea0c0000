package dev.switchboard.gateway.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.gateway.openai.StreamFraming;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Anthropic's stream event sequence for a routed stream: {@code message_start} and a {@code ping}
 * before the first content, then for each content block {@code content_block_start}, its {@code
 * content_block_delta}s ({@code text_delta}, {@code input_json_delta}) and {@code
 * content_block_stop}, then {@code message_delta} (stop reason and the final, cumulative usage) and
 * {@code message_stop}; a failure after the first token is an {@code event: error}. Neutral events
 * carry no block boundaries: a block ends when an event of another block arrives. Providers stream
 * tool calls one after another; a delta for a tool call whose block has closed cannot be carried
 * and ends the stream with an error rather than a corrupted call.
 */
final class MessagesFraming implements StreamFraming {

  private enum Open {
    NONE,
    TEXT,
    TOOL
  }

  private final String id;
  private final String model;
  private boolean started;
  private boolean broken;
  private int blocks;
  private Open open = Open.NONE;
  private int openTool = -1;
  private final Map<Integer, Integer> toolBlocks = new HashMap<>();
  private Usage usage;
  private FinishReason finish;

  /**
   * @param id the message id, {@code msg_<request id>}
   * @param model the model as the caller named it
   */
  MessagesFraming(String id, String model) {
    this.id = id;
    this.model = model;
  }

  @Override
  public byte[] opening() {
    return new byte[0]; // message_start goes with the first event, to carry the usage known then
  }

  @Override
  public byte[] event(StreamEvent event) {
    if (broken) {
      return null;
    }
    if (event instanceof StreamEvent.UsageReport u) {
      usage = u.usage();
      return null;
    }
    if (event instanceof StreamEvent.Finish f) {
      finish = f.reason();
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (event instanceof StreamEvent.TextDelta t && !t.text().isEmpty()) {
      start(out);
      if (open != Open.TEXT) {
        closeBlock(out);
        ObjectNode block = MessageWriter.JSON.createObjectNode().put("type", "text");
        openBlock(out, block.put("text", ""), Open.TEXT);
      }
      delta(
          out,
          MessageWriter.JSON.createObjectNode().put("type", "text_delta").put("text", t.text()));
    } else if (event instanceof StreamEvent.ToolCallDelta t) {
      start(out);
      if (!toolDelta(out, t)) {
        return out.toByteArray();
      }
    }
    return out.size() == 0 ? null : out.toByteArray();
  }

  /** Writes a tool call's piece; {@code false} when it cannot be carried and the stream ended. */
  private boolean toolDelta(ByteArrayOutputStream out, StreamEvent.ToolCallDelta t) {
    if (open != Open.TOOL || openTool != t.index()) {
      if (toolBlocks.containsKey(t.index())) {
        broken = true;
        sse(
            out,
            "error",
            AnthropicErrors.error(
                "api_error",
                "The provider interleaved the pieces of two tool calls; the stream cannot carry"
                    + " them."));
        return false;
      }
      closeBlock(out);
      ObjectNode block = MessageWriter.JSON.createObjectNode().put("type", "tool_use");
      block.put("id", t.id() != null ? t.id() : id.replace("msg_", "toolu_") + "_" + t.index());
      block.put("name", t.name() == null ? "" : t.name()).putObject("input");
      toolBlocks.put(t.index(), blocks);
      openBlock(out, block, Open.TOOL);
      openTool = t.index();
    }
    if (!t.argumentsFragment().isEmpty()) {
      delta(
          out,
          MessageWriter.JSON
              .createObjectNode()
              .put("type", "input_json_delta")
              .put("partial_json", t.argumentsFragment()));
    }
    return true;
  }

  @Override
  public byte[] completed(Usage finalUsage) {
    if (broken) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    start(out);
    closeBlock(out);
    Usage known = finalUsage != null ? finalUsage : usage != null ? usage : Usage.NONE;
    FinishReason reason =
        finish != null
            ? finish
            : toolBlocks.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    ObjectNode delta = MessageWriter.JSON.createObjectNode().put("type", "message_delta");
    delta
        .putObject("delta")
        .put("stop_reason", MessageWriter.stopReason(reason))
        .putNull("stop_sequence");
    delta.set("usage", MessageWriter.usage(known));
    sse(out, "message_delta", delta);
    sse(out, "message_stop", MessageWriter.JSON.createObjectNode().put("type", "message_stop"));
    return out.toByteArray();
  }

  @Override
  public byte[] failed(ProviderException error) {
    if (broken) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    start(out);
    AnthropicApiException shape = AnthropicErrors.of(error);
    sse(out, "error", AnthropicErrors.error(shape.type(), shape.getMessage()));
    return out.toByteArray();
  }

  @Override
  public byte[] cutOff(String message, Cut why) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sse(
        out,
        "error",
        AnthropicErrors.error(why == Cut.DEADLINE ? "timeout_error" : "api_error", message));
    return out.toByteArray();
  }

  private void start(ByteArrayOutputStream out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode message = MessageWriter.head(id, model);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set("usage", MessageWriter.usage(usage == null ? Usage.NONE : usage));
    ObjectNode start = MessageWriter.JSON.createObjectNode().put("type", "message_start");
    sse(out, "message_start", start.set("message", message));
    sse(out, "ping", MessageWriter.JSON.createObjectNode().put("type", "ping"));
  }

  private void openBlock(ByteArrayOutputStream out, ObjectNode block, Open kind) {
    ObjectNode e = MessageWriter.JSON.createObjectNode().put("type", "content_block_start");
    e.put("index", blocks).set("content_block", block);
    sse(out, "content_block_start", e);
    open = kind;
  }

  private void delta(ByteArrayOutputStream out, ObjectNode delta) {
    ObjectNode e = MessageWriter.JSON.createObjectNode().put("type", "content_block_delta");
    e.put("index", blocks).set("delta", delta);
    sse(out, "content_block_delta", e);
  }

  private void closeBlock(ByteArrayOutputStream out) {
    if (open == Open.NONE) {
      return;
    }
    ObjectNode e = MessageWriter.JSON.createObjectNode().put("type", "content_block_stop");
    sse(out, "content_block_stop", e.put("index", blocks));
    blocks++;
    open = Open.NONE;
    openTool = -1;
  }

  private static void sse(ByteArrayOutputStream out, String event, ObjectNode data) {
    out.writeBytes(
        ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
