package dev.switchboard.simulator.openai;

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
 * {@code POST .../chat/completions} in OpenAI's wire format, shared by OpenAI, the
 * OpenAI-compatible providers and Azure OpenAI (which adds its content-filter results).
 */
public final class OpenAiChat {

  private final Family family;
  private final boolean azure;

  public OpenAiChat(Family family, boolean azure) {
    this.family = family;
    this.azure = azure;
  }

  /** Serves a chat completion for {@code servedModel} (the request's, or Azure's deployment). */
  public void serve(Call call, JsonNode request, String servedModel) throws IOException {
    if (!request.isObject()) {
      family.sendInvalid(
          call,
          null,
          null,
          "Invalid type for request body: expected an object, but got "
              + (request.isArray()
                  ? "an array"
                  : "a " + request.getNodeType().name().toLowerCase(Locale.ROOT))
              + " instead.");
      return;
    }
    ChatRequestCheck.Refusal refusal = ChatRequestCheck.check(request, servedModel == null);
    if (refusal != null) {
      family.sendInvalid(call, refusal.param(), refusal.code(), refusal.message());
      return;
    }
    String model = servedModel != null ? servedModel : request.path("model").asText("");
    if (model.isEmpty()) {
      family.sendError(call, 400, Family.INVALID_REQUEST, "you must provide a model parameter");
      return;
    }
    JsonNode messages = request.path("messages");
    int input = Reply.inputTokens(messages);
    if (family.rejectModel(call, model, input)) {
      return;
    }
    // max_completion_tokens (current) or max_tokens (legacy) cut the reply: finish "length"
    JsonNode maxNode = request.path("max_completion_tokens");
    String maxParam = maxNode.isMissingNode() ? "max_tokens" : "max_completion_tokens";
    int max =
        (maxNode.isMissingNode() ? request.path("max_tokens") : maxNode).asInt(Integer.MAX_VALUE);
    int limit = maxOutputTokens(model);
    if (max != Integer.MAX_VALUE && max > limit) {
      ChatRequestCheck.Refusal large = ChatRequestCheck.tooLarge(maxParam, max, limit);
      family.sendInvalid(call, large.param(), large.code(), large.message());
      return;
    }
    List<Reply.ToolUse> tools = toolUses(request);
    String finish = !tools.isEmpty() ? "tool_calls" : call.tokens() > max ? "length" : "stop";
    Turn turn =
        new Turn(
            call,
            model,
            input,
            Math.min(call.tokens(), max),
            finish,
            tools,
            isJsonMode(request),
            "chatcmpl-sim" + call.id(),
            System.currentTimeMillis() / 1000);
    if (request.path("stream").asBoolean(false)) {
      boolean includeUsage =
          request.path("stream_options").path("include_usage").asBoolean(false)
              && !call.fault().has("no-usage");
      stream(turn, includeUsage);
    } else {
      call.sendJson(200, completion(turn));
    }
  }

  /**
   * What OpenAI's models can write in one answer: 128,000 tokens for GPT-5, 100,000 for the o
   * series, 32,768 for GPT-4.1, 16,384 otherwise (GPT-4o, and whatever the compatibles serve).
   */
  static int maxOutputTokens(String model) {
    if (model.startsWith("gpt-5")) {
      return 128_000;
    }
    if (model.matches("o[1-9].*")) {
      return 100_000;
    }
    return model.startsWith("gpt-4.1") ? 32_768 : 16_384;
  }

  /** The per-request facts every chunk repeats. */
  private record Turn(
      Call call,
      String model,
      int input,
      int output,
      String finish,
      List<Reply.ToolUse> tools,
      boolean json,
      String id,
      long created) {}

  /**
   * The calls the answer makes: none without tools, after a tool result (the model answers it) or
   * with {@code tool_choice: none}; the forced function once; otherwise {@link Reply#toolUses} for
   * a weather question, parallel unless {@code parallel_tool_calls: false}.
   */
  static List<Reply.ToolUse> toolUses(JsonNode request) {
    String tool = toolName(request);
    if (tool == null) {
      return List.of();
    }
    boolean forced =
        request.path("tool_choice").isObject()
            || "required".equals(request.path("tool_choice").asText());
    return Reply.toolUses(
        tool,
        Reply.lastText(request.path("messages"), "user"),
        !forced && request.path("parallel_tool_calls").asBoolean(true));
  }

  static String toolName(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    String first = tools.get(0).path("function").path("name").asText("get_weather");
    JsonNode choice = request.path("tool_choice");
    if (choice.isObject()) {
      return choice.path("function").path("name").asText(first);
    }
    if ("none".equals(choice.asText())) {
      return null;
    }
    if ("required".equals(choice.asText())) {
      return first;
    }
    JsonNode messages = request.path("messages");
    if (messages.isArray()
        && !messages.isEmpty()
        && "tool".equals(messages.get(messages.size() - 1).path("role").asText())) {
      return null; // the model answers the results it asked for
    }
    String last = Reply.lastText(messages, "user").toLowerCase(Locale.ROOT);
    return last.contains("weather") ? first : null;
  }

  static boolean isJsonMode(JsonNode request) {
    String type = request.path("response_format").path("type").asText("");
    return type.equals("json_object") || type.equals("json_schema");
  }

  private ObjectNode completion(Turn t) {
    ObjectNode root = Json.object();
    root.put("id", t.id()).put("object", "chat.completion").put("created", t.created());
    root.put("model", t.model());
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (!t.tools().isEmpty()) {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (int k = 0; k < t.tools().size(); k++) {
        calls.add(toolCall(t, k, t.tools().get(k).arguments(), true));
      }
    } else {
      message.put("content", Reply.content(t.output(), t.json()));
    }
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", t.finish());
    if (azure) {
      choice.set("content_filter_results", AzureFilters.results());
      root.set("prompt_filter_results", AzureFilters.promptResults());
    }
    root.set("usage", usage(t));
    root.put("service_tier", "default").put("system_fingerprint", "fp_sim");
    return root;
  }

  private static ObjectNode toolCall(Turn t, int k, String arguments, boolean full) {
    ObjectNode call = Json.object();
    if (!full) {
      call.put("index", k);
    }
    call.put("id", "call_sim" + t.call().id() + (k == 0 ? "" : "_" + k)).put("type", "function");
    call.putObject("function").put("name", t.tools().get(k).name()).put("arguments", arguments);
    return call;
  }

  /** Reasoning tokens count as completion tokens, as OpenAI bills them. */
  private static ObjectNode usage(Turn t) {
    int reasoning = t.call().reasoningTokens();
    int completion = t.output() + reasoning;
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", t.input()).put("completion_tokens", completion);
    usage.put("total_tokens", t.input() + completion);
    usage
        .putObject("prompt_tokens_details")
        .put("cached_tokens", Math.min(t.call().cachedTokens(), t.input()))
        .put("audio_tokens", 0);
    usage
        .putObject("completion_tokens_details")
        .put("reasoning_tokens", reasoning)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }

  private void stream(Turn t, boolean includeUsage) throws IOException {
    EventStream out = t.call().stream("text/event-stream; charset=utf-8");
    if (azure) {
      out.sse(null, AzureFilters.firstChunk());
    }
    ObjectNode first = Json.object().put("role", "assistant");
    if (!t.tools().isEmpty()) {
      first.putNull("content");
      first.set("tool_calls", Json.array().add(toolCall(t, 0, "", false)));
    } else {
      first.put("content", "");
    }
    first.putNull("refusal");
    out.sse(null, chunk(t, first, null, includeUsage));
    boolean complete;
    if (!t.tools().isEmpty()) {
      // parallel calls one after the other, as OpenAI streams them: each opened by a delta with
      // its index, id and name, then its argument fragments
      int per = Reply.TOOL_ARGUMENT_FRAGMENTS.length;
      complete =
          out.tokens(
              per * t.tools().size(),
              i -> {
                int k = i / per;
                String fragment = t.tools().get(k).fragments()[i % per];
                byte[] delta = frame(chunk(t, toolDelta(k, fragment), null, includeUsage));
                if (k == 0 || i % per != 0) {
                  return delta;
                }
                ObjectNode opening =
                    Json.object().set("tool_calls", Json.array().add(toolCall(t, k, "", false)));
                return concat(frame(chunk(t, opening, null, includeUsage)), delta);
              },
              () -> frame(OpenAiErrors.streamError()));
    } else {
      complete =
          out.tokens(
              t.output(),
              i -> {
                ObjectNode delta =
                    Json.object().put("content", Reply.piece(i, t.output(), t.json()));
                return frame(chunk(t, delta, null, includeUsage));
              },
              () -> frame(OpenAiErrors.streamError()));
    }
    if (!complete) {
      out.close();
      return;
    }
    out.sse(null, chunk(t, Json.object(), t.finish(), includeUsage));
    if (includeUsage) {
      ObjectNode last = base(t);
      last.putArray("choices");
      last.set("usage", usage(t));
      out.sse(null, last);
    }
    out.sseRaw("[DONE]");
    out.close();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ObjectNode toolDelta(int k, String fragment) {
    ObjectNode call = Json.object().put("index", k);
    call.putObject("function").put("arguments", fragment);
    return Json.object().set("tool_calls", Json.array().add(call));
  }

  private static byte[] frame(ObjectNode data) {
    return Reply.utf8("data: " + Json.string(data) + "\n\n");
  }

  private ObjectNode base(Turn t) {
    ObjectNode chunk = Json.object();
    chunk.put("id", t.id()).put("object", "chat.completion.chunk").put("created", t.created());
    chunk.put("model", t.model()).put("service_tier", "default");
    chunk.put("system_fingerprint", "fp_sim");
    return chunk;
  }

  private ObjectNode chunk(Turn t, ObjectNode delta, String finish, boolean includeUsage) {
    ObjectNode chunk = base(t);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    if (azure) {
      choice.set("content_filter_results", finish == null ? AzureFilters.results() : Json.object());
    }
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }
}
