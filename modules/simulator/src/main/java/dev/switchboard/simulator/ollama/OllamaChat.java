package dev.switchboard.simulator.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.EventStream;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code POST /api/chat}: NDJSON, one line per token, unless {@code "stream": false}; the last line
 * has {@code "done": true} with the counts and durations (ns). Deterministic durations: load 1 ms,
 * prompt eval 0.1 ms per input token, eval 1 ms per output token.
 */
final class OllamaChat {

  private final Family family;

  OllamaChat(Family family) {
    this.family = family;
  }

  private record Turn(
      Call call,
      String model,
      int input,
      int output,
      String doneReason,
      String tool,
      boolean json) {}

  void serve(Call call, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    if (model.isEmpty()) {
      family.sendError(call, 400, Family.INVALID_REQUEST, "model is required");
      return;
    }
    int input = Reply.inputTokens(request.path("messages"));
    if (family.rejectModel(call, model, input)) {
      return;
    }
    int max = request.path("options").path("num_predict").asInt(Integer.MAX_VALUE);
    if (max < 0) {
      max = Integer.MAX_VALUE;
    }
    String tool = toolName(request);
    String reason = call.tokens() > max && tool == null ? "length" : "stop";
    boolean json = !request.path("format").isMissingNode() && !request.path("format").isNull();
    Turn t = new Turn(call, model, input, Math.min(call.tokens(), max), reason, tool, json);
    if (request.path("stream").asBoolean(true)) {
      stream(t);
    } else {
      ObjectNode whole = line(t, Reply.content(t.output(), t.json()), tool != null);
      done(whole, t);
      call.sendJson(200, whole);
    }
  }

  private static String toolName(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    String last = Reply.lastText(request.path("messages"), "user").toLowerCase(Locale.ROOT);
    return last.contains("weather")
        ? tools.get(0).path("function").path("name").asText("get_weather")
        : null;
  }

  private static ObjectNode line(Turn t, String content, boolean withTool) {
    ObjectNode line = Json.object().put("model", t.model());
    line.put("created_at", Instant.now().toString());
    ObjectNode message = line.putObject("message").put("role", "assistant").put("content", content);
    if (withTool) {
      ObjectNode function = message.putArray("tool_calls").addObject().putObject("function");
      function
          .put("name", t.tool())
          .set("arguments", Json.MAPPER.valueToTree(Reply.toolArgumentsMap()));
    }
    line.put("done", false);
    return line;
  }

  private static void done(ObjectNode line, Turn t) {
    long load = 1_000_000L;
    long promptEval = t.input() * 100_000L;
    long eval = t.output() * 1_000_000L;
    line.put("done_reason", t.doneReason()).put("done", true);
    line.put("total_duration", load + promptEval + eval).put("load_duration", load);
    line.put("prompt_eval_count", t.input()).put("prompt_eval_duration", promptEval);
    line.put("eval_count", t.output()).put("eval_duration", eval);
  }

  private static void stream(Turn t) throws IOException {
    EventStream out = t.call().stream("application/x-ndjson");
    boolean tool = t.tool() != null;
    boolean complete =
        out.tokens(
            tool ? 1 : t.output(),
            i -> frame(line(t, tool ? "" : Reply.piece(i, t.output(), t.json()), tool)),
            () -> frame(OllamaFamily.error("an error was encountered while running the model")));
    if (complete) {
      ObjectNode last = line(t, "", false);
      done(last, t);
      out.line(last);
    }
    out.close();
  }

  private static byte[] frame(ObjectNode line) {
    return Reply.utf8(Json.string(line) + "\n");
  }
}
