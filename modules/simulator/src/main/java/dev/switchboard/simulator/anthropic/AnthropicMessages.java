package dev.switchboard.simulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.EventStream;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/messages}: a text or tool_use reply, whole or as Anthropic's SSE event sequence.
 * The reply is cut at {@code max_tokens} (stop reason {@code max_tokens}); {@code input_tokens}
 * excludes the cache reads reported from {@code X-Sim-Cached-Tokens}.
 */
final class AnthropicMessages {

  private final Family family;

  AnthropicMessages(Family family) {
    this.family = family;
  }

  private record Turn(
      Call call,
      String model,
      int input,
      int cached,
      int written,
      int output,
      String stop,
      List<Reply.ToolUse> tools) {

    String id() {
      return "msg_sim" + call.id();
    }
  }

  void countTokens(Call call, JsonNode request) throws IOException {
    call.sendJson(200, Json.object().put("input_tokens", inputTokens(request)));
  }

  private static int inputTokens(JsonNode request) {
    return Reply.inputTokens(request.path("messages"))
        + Reply.inputTokensOfOne(request.path("system"));
  }

  void create(Call call, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    if (model.isEmpty() || !request.path("max_tokens").canConvertToInt()) {
      String field = model.isEmpty() ? "model" : "max_tokens";
      family.sendError(call, 400, Family.INVALID_REQUEST, field + ": Field required");
      return;
    }
    int input = inputTokens(request);
    if (family.rejectModel(call, model, input)) {
      return;
    }
    int cached = Math.min(call.cachedTokens(), input);
    int written = Math.min(call.cacheWriteTokens(), input - cached);
    List<Reply.ToolUse> tools = toolUses(request);
    int maxTokens = request.path("max_tokens").asInt();
    int output = Math.min(call.tokens(), maxTokens);
    String stop =
        !tools.isEmpty() ? "tool_use" : call.tokens() > maxTokens ? "max_tokens" : "end_turn";
    Turn turn =
        new Turn(call, model, input - cached - written, cached, written, output, stop, tools);
    if (request.path("stream").asBoolean(false)) {
      stream(turn);
    } else {
      call.sendJson(200, message(turn, true));
    }
  }

  /**
   * The tool_use blocks of the answer: {@link Reply#toolUses} of the chosen tool, parallel unless
   * forced or {@code tool_choice.disable_parallel_tool_use}.
   */
  private static List<Reply.ToolUse> toolUses(JsonNode request) {
    String tool = toolName(request);
    if (tool == null) {
      return List.of();
    }
    JsonNode choice = request.path("tool_choice");
    boolean parallel =
        choice.path("type").asText("auto").equals("auto")
            && !choice.path("disable_parallel_tool_use").asBoolean(false);
    return Reply.toolUses(tool, Reply.lastText(request.path("messages"), "user"), parallel);
  }

  /** The id of the k-th tool_use block. */
  private static String toolUseId(Turn t, int k) {
    return "toolu_sim" + t.call().id() + (k == 0 ? "" : "_" + k);
  }

  private static String toolName(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    String first = tools.get(0).path("name").asText("get_weather");
    JsonNode choice = request.path("tool_choice");
    switch (choice.path("type").asText("auto")) {
      case "tool":
        return choice.path("name").asText(first);
      case "any":
        return first;
      case "none":
        return null;
      default:
        if (answersToolResults(request.path("messages"))) {
          return null; // the model answers the results it asked for
        }
        String last = Reply.lastText(request.path("messages"), "user");
        return last.toLowerCase(Locale.ROOT).contains("weather") ? first : null;
    }
  }

  private static ObjectNode message(Turn t, boolean complete) {
    ObjectNode m = Json.object().put("id", t.id()).put("type", "message");
    m.put("role", "assistant").put("model", t.model());
    if (!complete) {
      m.putArray("content");
      m.putNull("stop_reason");
    } else if (!t.tools().isEmpty()) {
      ArrayNode content = m.putArray("content");
      for (int k = 0; k < t.tools().size(); k++) {
        ObjectNode use = content.addObject().put("type", "tool_use");
        use.put("id", toolUseId(t, k)).put("name", t.tools().get(k).name());
        use.set("input", Json.MAPPER.valueToTree(t.tools().get(k).argumentsMap()));
      }
      m.put("stop_reason", t.stop());
    } else {
      m.putArray("content").addObject().put("type", "text").put("text", Reply.text(t.output()));
      m.put("stop_reason", t.stop());
    }
    m.putNull("stop_sequence");
    m.set("usage", usage(t, complete ? t.output() : 1));
    return m;
  }

  private static ObjectNode usage(Turn t, int output) {
    ObjectNode u = Json.object().put("input_tokens", t.input());
    u.put("cache_creation_input_tokens", t.written()).put("cache_read_input_tokens", t.cached());
    u.putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", t.written())
        .put("ephemeral_1h_input_tokens", 0);
    u.put("output_tokens", output).put("service_tier", "standard");
    return u;
  }

  private static void stream(Turn t) throws IOException {
    EventStream out = t.call().stream("text/event-stream; charset=utf-8");
    out.sse(
        "message_start",
        Json.object().put("type", "message_start").set("message", message(t, false)));
    out.write(blockStart(t, 0));
    out.sse("ping", Json.object().put("type", "ping"));
    boolean tools = !t.tools().isEmpty();
    int per = Reply.TOOL_ARGUMENT_FRAGMENTS.length;
    int pieces = tools ? per * t.tools().size() : t.output();
    boolean complete =
        out.tokens(
            pieces,
            i -> {
              int k = tools ? i / per : 0;
              ObjectNode delta =
                  tools
                      ? Json.object()
                          .put("type", "input_json_delta")
                          .put("partial_json", t.tools().get(k).fragments()[i % per])
                      : Json.object().put("type", "text_delta").put("text", Reply.token(i));
              byte[] bytes =
                  event(
                      "content_block_delta",
                      Json.object()
                          .put("type", "content_block_delta")
                          .put("index", k)
                          .set("delta", delta));
              // a parallel call is the next content block: the previous one stops first
              return k > 0 && i % per == 0
                  ? concat(blockStop(k - 1), blockStart(t, k), bytes)
                  : bytes;
            },
            () ->
                event("error", AnthropicFamily.error("overloaded_error", "Overloaded", t.call())));
    if (complete) {
      out.write(blockStop(tools ? t.tools().size() - 1 : 0));
      ObjectNode delta = Json.object();
      delta.putObject("delta").put("stop_reason", t.stop()).putNull("stop_sequence");
      ObjectNode usage = usage(t, t.output());
      usage.remove("cache_creation");
      usage.remove("service_tier");
      out.sse("message_delta", delta.put("type", "message_delta").set("usage", usage));
      out.sse("message_stop", Json.object().put("type", "message_stop"));
    }
    out.close();
  }

  private static boolean answersToolResults(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      return false;
    }
    for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
      if ("tool_result".equals(block.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] blockStart(Turn t, int k) {
    ObjectNode block = Json.object();
    if (!t.tools().isEmpty()) {
      block.put("type", "tool_use").put("id", toolUseId(t, k));
      block.put("name", t.tools().get(k).name()).putObject("input");
    } else {
      block.put("type", "text").put("text", "");
    }
    return event(
        "content_block_start",
        Json.object()
            .put("type", "content_block_start")
            .put("index", k)
            .set("content_block", block));
  }

  private static byte[] blockStop(int k) {
    return event(
        "content_block_stop", Json.object().put("type", "content_block_stop").put("index", k));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] event(String name, ObjectNode data) {
    return Reply.utf8("event: " + name + "\ndata: " + Json.string(data) + "\n\n");
  }
}
