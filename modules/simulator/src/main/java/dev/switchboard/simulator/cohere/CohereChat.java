package dev.switchboard.simulator.cohere;

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
 * {@code POST /v2/chat}. Streaming is SSE with {@code event:} names (message-start, content-start,
 * content-delta..., content-end, message-end) and a final {@code data: [DONE]}, as the real API
 * sends it; a mid-stream failure is a message-end with finish reason {@code ERROR}.
 */
final class CohereChat {

  private final Family family;

  CohereChat(Family family) {
    this.family = family;
  }

  private record Turn(
      Call call, String model, int input, int output, String finish, String tool, boolean json) {}

  void serve(Call call, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    if (model.isEmpty()) {
      family.sendError(call, 400, Family.INVALID_REQUEST, "invalid request: model is required");
      return;
    }
    int input = Reply.inputTokens(request.path("messages"));
    if (family.rejectModel(call, model, input)) {
      return;
    }
    int max = request.path("max_tokens").asInt(Integer.MAX_VALUE);
    String tool = toolName(request);
    String finish = tool != null ? "TOOL_CALL" : call.tokens() > max ? "MAX_TOKENS" : "COMPLETE";
    boolean json = request.path("response_format").path("type").asText("").equals("json_object");
    Turn t = new Turn(call, model, input, Math.min(call.tokens(), max), finish, tool, json);
    if (request.path("stream").asBoolean(false)) {
      stream(t);
    } else {
      call.sendJson(200, response(t));
    }
  }

  private static String toolName(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    String first = tools.get(0).path("function").path("name").asText("get_weather");
    String choice = request.path("tool_choice").asText("");
    if (choice.equals("REQUIRED")) {
      return first;
    }
    if (choice.equals("NONE")) {
      return null;
    }
    String last = Reply.lastText(request.path("messages"), "user").toLowerCase(Locale.ROOT);
    return last.contains("weather") ? first : null;
  }

  private static ObjectNode response(Turn t) {
    ObjectNode root = Json.object().put("id", "sim" + t.call().id());
    ObjectNode message = root.putObject("message").put("role", "assistant");
    if (t.tool() != null) {
      message.put("tool_plan", "I will look up the weather.");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", "call_sim" + t.call().id()).put("type", "function");
      call.putObject("function").put("name", t.tool()).put("arguments", Reply.TOOL_ARGUMENTS);
    } else {
      message
          .putArray("content")
          .addObject()
          .put("type", "text")
          .put("text", Reply.content(t.output(), t.json()));
    }
    root.put("finish_reason", t.finish());
    root.set("usage", usage(t, t.output()));
    return root;
  }

  private static ObjectNode usage(Turn t, int output) {
    ObjectNode usage = Json.object();
    usage.putObject("billed_units").put("input_tokens", t.input()).put("output_tokens", output);
    usage.putObject("tokens").put("input_tokens", t.input()).put("output_tokens", output);
    usage.put("cached_tokens", Math.min(t.call().cachedTokens(), t.input()));
    return usage;
  }

  private static void stream(Turn t) throws IOException {
    EventStream out = t.call().stream("text/event-stream");
    ObjectNode start = Json.object().put("id", "sim" + t.call().id()).put("type", "message-start");
    ObjectNode startMessage = start.putObject("delta").putObject("message");
    startMessage.put("role", "assistant").putArray("content");
    startMessage.put("tool_plan", "").putArray("tool_calls");
    startMessage.putArray("citations");
    out.sse("message-start", start);
    boolean tool = t.tool() != null;
    if (tool) {
      ObjectNode call = Json.object().put("id", "call_sim" + t.call().id()).put("type", "function");
      call.putObject("function").put("name", t.tool()).put("arguments", "");
      out.sse("tool-call-start", event("tool-call-start", "tool_calls", call));
    } else {
      ObjectNode content = Json.object().put("type", "text").put("text", "");
      out.sse("content-start", event("content-start", "content", content));
    }
    String[] fragments = Reply.TOOL_ARGUMENT_FRAGMENTS;
    int[] sent = {0};
    boolean complete =
        out.tokens(
            tool ? fragments.length : t.output(),
            i -> {
              sent[0] = i + 1;
              ObjectNode payload = Json.object();
              if (tool) {
                payload.putObject("function").put("arguments", fragments[i]);
                return frame("tool-call-delta", event("tool-call-delta", "tool_calls", payload));
              }
              payload.put("text", Reply.piece(i, t.output(), t.json()));
              return frame("content-delta", event("content-delta", "content", payload));
            },
            () -> frame("message-end", end(t, "ERROR", tool ? 0 : sent[0])));
    if (complete) {
      String kind = tool ? "tool-call-end" : "content-end";
      out.sse(kind, Json.object().put("type", kind).put("index", 0));
      out.sse("message-end", end(t, t.finish(), t.output()));
      out.sseRaw("[DONE]");
    }
    out.close();
  }

  private static ObjectNode event(String type, String field, ObjectNode payload) {
    ObjectNode event = Json.object().put("type", type).put("index", 0);
    event.putObject("delta").putObject("message").set(field, payload);
    return event;
  }

  private static ObjectNode end(Turn t, String finish, int output) {
    ObjectNode end = Json.object().put("type", "message-end");
    ObjectNode delta = end.putObject("delta").put("finish_reason", finish);
    if ("ERROR".equals(finish)) {
      delta.put("error", "internal server error, this has been reported to our developers");
    }
    delta.set("usage", usage(t, output));
    return end;
  }

  private static byte[] frame(String name, ObjectNode data) {
    return Reply.utf8("event: " + name + "\ndata: " + Json.string(data) + "\n\n");
  }
}
