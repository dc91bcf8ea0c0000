package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.usage.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes OpenAI's {@code response} object of one call and its output items: an assistant message
 * ({@code output_text}) when there is text, one {@code function_call} item per tool call. A reply
 * cut by the output-token limit or a content filter is {@code incomplete}, naming the reason.
 */
final class ResponseObject {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final long createdAt;
  private final ResponsesRequest request;

  /**
   * @param id the response id, {@code resp_...}; item ids derive from it
   */
  ResponseObject(String id, long createdAt, ResponsesRequest request) {
    this.id = id;
    this.createdAt = createdAt;
    this.request = request;
  }

  String id() {
    return id;
  }

  /** The response before any output: what {@code response.created} carries. */
  ObjectNode inProgress() {
    return head("in_progress");
  }

  ObjectNode completed(ChatResponse r) {
    return completed(output(r), r.finishReason(), r.usage());
  }

  ObjectNode completed(List<ObjectNode> output, FinishReason finish, Usage usage) {
    boolean cut = finish == FinishReason.LENGTH || finish == FinishReason.CONTENT_FILTER;
    ObjectNode root = head(cut ? "incomplete" : "completed");
    if (cut) {
      root.putObject("incomplete_details")
          .put("reason", finish == FinishReason.LENGTH ? "max_output_tokens" : "content_filter");
    }
    root.withArray("output").addAll(output);
    if (usage != null) {
      root.set("usage", usage(usage));
    }
    return root;
  }

  ObjectNode failed(List<ObjectNode> output, String code, String message) {
    ObjectNode root = head("failed");
    root.putObject("error").put("code", code).put("message", message);
    root.withArray("output").addAll(output);
    return root;
  }

  List<ObjectNode> output(ChatResponse r) {
    List<ObjectNode> out = new ArrayList<>();
    if (!r.text().isEmpty() || r.toolCalls().isEmpty()) {
      out.add(message(messageId(0), r.text(), "completed"));
    }
    for (int i = 0; i < r.toolCalls().size(); i++) {
      ToolCall c = r.toolCalls().get(i);
      out.add(functionCall(callItemId(i), c.id(), c.name(), c.argumentsJson(), "completed"));
    }
    return out;
  }

  String messageId(int n) {
    return "msg_" + id.substring(5) + (n == 0 ? "" : "_" + n);
  }

  String callItemId(int index) {
    return "fc_" + id.substring(5) + "_" + index;
  }

  static ObjectNode message(String itemId, String text, String status) {
    ObjectNode m = JSON.createObjectNode().put("id", itemId).put("type", "message");
    m.put("status", status).put("role", "assistant");
    ArrayNode content = m.putArray("content");
    if (text != null) {
      content.add(outputText(text));
    }
    return m;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  static ObjectNode functionCall(
      String itemId, String callId, String name, String arguments, String status) {
    return JSON.createObjectNode()
        .put("id", itemId)
        .put("type", "function_call")
        .put("status", status)
        .put("arguments", arguments)
        .put("call_id", callId)
        .put("name", name);
  }

  static ObjectNode usage(Usage u) {
    ObjectNode usage = JSON.createObjectNode().put("input_tokens", u.inputTokens());
    usage.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens());
    usage.put("output_tokens", u.outputTokens());
    usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
    usage.put("total_tokens", u.totalTokens());
    return usage;
  }

  private ObjectNode head(String status) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id).put("object", "response").put("created_at", createdAt);
    root.put("status", status).put("background", false);
    root.putNull("error");
    root.putNull("incomplete_details");
    root.put("instructions", request.instructions());
    root.put("max_output_tokens", request.maxOutputTokens());
    root.put("model", request.model());
    root.putArray("output");
    root.set("parallel_tool_calls", request.echoed("parallel_tool_calls"));
    root.put("previous_response_id", request.previousResponseId());
    JsonNode reasoning = request.echoed("reasoning");
    if (reasoning.isMissingNode()) {
      root.putObject("reasoning").putNull("effort").putNull("summary");
    } else {
      root.set("reasoning", reasoning);
    }
    root.put("store", request.store());
    root.put("temperature", request.temperature() == null ? 1.0 : request.temperature());
    root.set("text", request.echoed("text"));
    root.set("tool_choice", request.echoed("tool_choice"));
    root.set("tools", request.echoed("tools"));
    root.put("top_p", request.topP() == null ? 1.0 : request.topP());
    root.put("truncation", "disabled");
    root.putNull("usage");
    root.put("user", request.user());
    root.set("metadata", request.echoed("metadata"));
    return root;
  }
}
