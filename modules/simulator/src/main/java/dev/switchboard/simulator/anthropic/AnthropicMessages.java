package dev.switchboard.simulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.EventStream;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
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
      String tool) {

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
    String tool = toolName(request);
    int maxTokens = request.path("max_tokens").asInt();
    int output = Math.min(call.tokens(), maxTokens);
    String stop = tool != null ? "tool_use" : call.tokens() > maxTokens ? "max_tokens" : "end_turn";
    Turn turn =
        new Turn(call, model, input - cached - written, cached, written, output, stop, tool);
    if (request.path("stream").asBoolean(false)) {
      stream(turn);
    } else {
      call.sendJson(200, message(turn, true));
    }
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
    } else if (t.tool() != null) {
      ObjectNode use = m.putArray("content").addObject().put("type", "tool_use");
      use.put("id", "toolu_sim" + t.call().id()).put("name", t.tool());
      use.set("input", Json.MAPPER.valueToTree(Reply.toolArgumentsMap()));
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
    ObjectNode block = Json.object();
    if (t.tool() != null) {
      block.put("type", "tool_use").put("id", "toolu_sim" + t.call().id()).put("name", t.tool());
      block.putObject("input");
    } else {
      block.put("type", "text").put("text", "");
    }
    out.sse(
        "content_block_start",
        Json.object()
            .put("type", "content_block_start")
            .put("index", 0)
            .set("content_block", block));
    out.sse("ping", Json.object().put("type", "ping"));
    String[] fragments = Reply.TOOL_ARGUMENT_FRAGMENTS;
    int pieces = t.tool() != null ? fragments.length : t.output();
    boolean complete =
        out.tokens(
            pieces,
            i -> {
              ObjectNode delta =
                  t.tool() != null
                      ? Json.object()
                          .put("type", "input_json_delta")
                          .put("partial_json", fragments[i])
                      : Json.object().put("type", "text_delta").put("text", Reply.token(i));
              return event(
                  "content_block_delta",
                  Json.object()
                      .put("type", "content_block_delta")
                      .put("index", 0)
                      .set("delta", delta));
            },
            () ->
                event("error", AnthropicFamily.error("overloaded_error", "Overloaded", t.call())));
    if (complete) {
      out.sse(
          "content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0));
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

  private static byte[] event(String name, ObjectNode data) {
    return Reply.utf8("event: " + name + "\ndata: " + Json.string(data) + "\n\n");
  }
}
