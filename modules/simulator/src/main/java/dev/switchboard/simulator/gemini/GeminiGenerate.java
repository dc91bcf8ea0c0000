package dev.switchboard.simulator.gemini;

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
 * {@code generateContent} and {@code streamGenerateContent}: with {@code alt=sse}, one {@code
 * data:} event per token and no terminator; otherwise a JSON array written element by element.
 * Every chunk carries the cumulative {@code usageMetadata}.
 */
final class GeminiGenerate {

  private final Family family;

  GeminiGenerate(Family family) {
    this.family = family;
  }

  private record Turn(
      Call call,
      String model,
      int input,
      int output,
      String finish,
      List<Reply.ToolUse> tools,
      boolean json) {}

  static int inputTokens(JsonNode request) {
    JsonNode contents =
        request.has("generateContentRequest")
            ? request.path("generateContentRequest").path("contents")
            : request.path("contents");
    return Reply.inputTokens(contents) + Reply.inputTokensOfOne(request.path("systemInstruction"));
  }

  void generate(Call call, String model, JsonNode request, boolean streaming) throws IOException {
    int input = inputTokens(request);
    if (family.rejectModel(call, model, input)) {
      return;
    }
    JsonNode config = request.path("generationConfig");
    int max = config.path("maxOutputTokens").asInt(Integer.MAX_VALUE);
    int output = Math.min(call.tokens(), max);
    boolean json = config.path("responseMimeType").asText("").equals("application/json");
    List<Reply.ToolUse> tools = toolUses(request);
    String finish = call.tokens() > max && tools.isEmpty() ? "MAX_TOKENS" : "STOP";
    Turn t = new Turn(call, model, input, output, finish, tools, json);
    if (!streaming) {
      String text = Reply.content(output, json);
      call.sendJson(200, chunk(t, text, output, true));
    } else if ("sse".equals(call.query("alt"))) {
      stream(t, true);
    } else {
      stream(t, false);
    }
  }

  /** The functionCall parts of the answer, parallel ({@link Reply#toolUses}) unless forced. */
  private static List<Reply.ToolUse> toolUses(JsonNode request) {
    String tool = toolName(request);
    if (tool == null) {
      return List.of();
    }
    boolean forced =
        "ANY"
            .equals(request.path("toolConfig").path("functionCallingConfig").path("mode").asText());
    return Reply.toolUses(tool, Reply.lastText(request.path("contents"), "user"), !forced);
  }

  private static boolean answersFunctionResponses(JsonNode contents) {
    if (!contents.isArray() || contents.isEmpty()) {
      return false;
    }
    for (JsonNode part : contents.get(contents.size() - 1).path("parts")) {
      if (part.has("functionResponse")) {
        return true;
      }
    }
    return false;
  }

  private static String toolName(JsonNode request) {
    JsonNode declarations = request.path("tools").path(0).path("functionDeclarations");
    if (!declarations.isArray() || declarations.isEmpty()) {
      return null;
    }
    String first = declarations.get(0).path("name").asText("get_weather");
    JsonNode calling = request.path("toolConfig").path("functionCallingConfig");
    switch (calling.path("mode").asText("AUTO")) {
      case "ANY":
        return calling.path("allowedFunctionNames").path(0).asText(first);
      case "NONE":
        return null;
      default:
        if (answersFunctionResponses(request.path("contents"))) {
          return null; // the model answers the results it asked for
        }
        String last = Reply.lastText(request.path("contents"), "user");
        return last.toLowerCase(Locale.ROOT).contains("weather") ? first : null;
    }
  }

  private static ObjectNode chunk(Turn t, String text, int outputSoFar, boolean last) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ArrayNode parts = content.putArray("parts");
    for (Reply.ToolUse use : t.tools()) {
      ObjectNode call = parts.addObject().putObject("functionCall").put("name", use.name());
      call.set("args", Json.MAPPER.valueToTree(use.argumentsMap()));
    }
    if (t.tools().isEmpty()) {
      parts.addObject().put("text", text);
    }
    content.put("role", "model");
    if (last) {
      candidate.put("finishReason", t.finish());
    }
    candidate.put("index", 0);
    // thoughts come before the answer: all of them are in every chunk's cumulative usage
    int thoughts = t.call().reasoningTokens();
    ObjectNode usage = root.putObject("usageMetadata").put("promptTokenCount", t.input());
    usage.put("candidatesTokenCount", outputSoFar);
    if (thoughts > 0) {
      usage.put("thoughtsTokenCount", thoughts);
    }
    usage.put("totalTokenCount", t.input() + outputSoFar + thoughts);
    int cached = Math.min(t.call().cachedTokens(), t.input());
    if (cached > 0) {
      usage.put("cachedContentTokenCount", cached);
    }
    usage
        .putArray("promptTokensDetails")
        .addObject()
        .put("modality", "TEXT")
        .put("tokenCount", t.input());
    root.put("modelVersion", t.model()).put("responseId", "sim" + t.call().id());
    return root;
  }

  private static void stream(Turn t, boolean sse) throws IOException {
    EventStream out =
        t.call().stream(sse ? "text/event-stream" : "application/json; charset=UTF-8");
    if (!sse) {
      out.write(Reply.utf8("["));
    }
    int pieces = !t.tools().isEmpty() ? 1 : Math.max(t.output(), 1);
    boolean complete =
        out.tokens(
            pieces,
            i -> {
              ObjectNode chunk =
                  !t.tools().isEmpty()
                      ? chunk(t, "", t.output(), true)
                      : chunk(
                          t,
                          t.output() == 0 ? "" : Reply.piece(i, t.output(), t.json()),
                          Math.min(i + 1, t.output()),
                          i == pieces - 1);
              return frame(chunk, sse, i);
            },
            () -> frame(GeminiFamily.error(500, null, null, t.call()), sse, 1));
    if (complete && !sse) {
      out.write(Reply.utf8("]"));
    }
    out.close();
  }

  private static byte[] frame(ObjectNode data, boolean sse, int index) {
    String json = Json.string(data);
    if (sse) {
      return Reply.utf8("data: " + json + "\r\n\r\n");
    }
    return Reply.utf8((index == 0 ? "" : ",\r\n") + json);
  }
}
