package dev.switchboard.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.usage.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Writes OpenAI's shapes: a {@code chat.completion}, the {@code chat.completion.chunk}s of a stream
 * (SSE {@code data:} lines, then {@code data: [DONE]}), and the error object.
 */
public final class ChatCompletionWriter {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final String id;
  private final String model;
  private final long created;

  /**
   * @param id the completion id, e.g. {@code chatcmpl-<request id>}
   * @param model the model to report: the one that served the request
   */
  public ChatCompletionWriter(String id, String model, long created) {
    this.id = id;
    this.model = model;
    this.created = created;
  }

  public byte[] completion(ChatResponse r) {
    ObjectNode root = head("chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (r.toolCalls().isEmpty() || !r.text().isEmpty()) {
      message.put("content", r.text());
    } else {
      message.putNull("content");
    }
    message.putNull("refusal");
    if (!r.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall c : r.toolCalls()) {
        ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
      }
    }
    choice.put("finish_reason", finishReason(r.finishReason()));
    choice.putNull("logprobs");
    if (r.usage() != null) {
      usage(root, r.usage());
    }
    return bytes(root);
  }

  /** The first chunk of a stream: the assistant role, no content yet. */
  public byte[] roleChunk() {
    ObjectNode root = chunkHead();
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("role", "assistant").put("content", "");
    choice.putNull("finish_reason");
    return sse(root);
  }

  /** One stream event as a chunk; {@code null} for events that have no chunk of their own. */
  public byte[] chunk(StreamEvent event) {
    ObjectNode root = chunkHead();
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (event instanceof StreamEvent.TextDelta t) {
      delta.put("content", t.text());
    } else if (event instanceof StreamEvent.ToolCallDelta t) {
      ObjectNode call = delta.putArray("tool_calls").addObject().put("index", t.index());
      if (t.id() != null) {
        call.put("id", t.id()).put("type", "function");
      }
      ObjectNode f = call.putObject("function");
      if (t.name() != null) {
        f.put("name", t.name());
      }
      f.put("arguments", t.argumentsFragment() == null ? "" : t.argumentsFragment());
    } else if (event instanceof StreamEvent.Finish f) {
      choice.put("finish_reason", finishReason(f.reason()));
      return sse(root);
    } else {
      return null;
    }
    choice.putNull("finish_reason");
    return sse(root);
  }

  /** The usage chunk sent before {@code [DONE]} when the caller asked for it: no choices. */
  public byte[] usageChunk(Usage usage) {
    ObjectNode root = chunkHead();
    root.putArray("choices");
    usage(root, usage);
    return sse(root);
  }

  /** OpenAI's error object. */
  public static byte[] error(String message, String type, String param, String code) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error").put("message", message).put("type", type);
    e.put("param", param);
    e.put("code", code);
    return bytes(root);
  }

  /** An error inside an open stream, as OpenAI sends one. */
  public static byte[] streamError(String message, String type, String code) {
    return ("data: "
            + new String(error(message, type, null, code), StandardCharsets.UTF_8)
            + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode head(String object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id).put("object", object).put("created", created).put("model", model);
    return root;
  }

  private ObjectNode chunkHead() {
    ObjectNode root = head("chat.completion.chunk");
    root.putNull("system_fingerprint");
    return root;
  }

  private static void usage(ObjectNode root, Usage u) {
    ObjectNode usage = root.putObject("usage");
    usage
        .put("prompt_tokens", u.inputTokens())
        .put("completion_tokens", u.outputTokens())
        .put("total_tokens", u.totalTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", u.cachedInputTokens());
    usage.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
  }

  static String finishReason(FinishReason r) {
    if (r == null) {
      return "stop";
    }
    return switch (r) {
      case STOP, OTHER, ERROR -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
    };
  }

  private static byte[] sse(ObjectNode node) {
    byte[] json = bytes(node);
    byte[] out = new byte[json.length + 8];
    System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
    System.arraycopy(json, 0, out, 6, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
