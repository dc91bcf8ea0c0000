package dev.switchboard.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST /v1/responses}: what routes (as a neutral chat) and what the reply echoes.
 *
 * @param input this request's input items, normalized (a string input became one user message)
 * @param echo the request's settings as the response object repeats them: {@code tools}, {@code
 *     tool_choice}, {@code text}, {@code metadata}, {@code reasoning}...
 */
record ResponsesRequest(
    String model,
    String instructions,
    List<ObjectNode> input,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    ResponseFormat format,
    Double temperature,
    Double topP,
    Integer maxOutputTokens,
    String user,
    boolean stream,
    boolean store,
    String previousResponseId,
    ObjectNode echo) {

  ResponsesRequest {
    input = List.copyOf(input);
    tools = List.copyOf(tools);
  }

  /**
   * The neutral chat: the instructions as a system message (they are not carried over from a
   * previous response, as OpenAI does), then the stored conversation, then this input.
   *
   * @param history the earlier conversation's items (empty without {@code previous_response_id})
   */
  ChatRequest toChat(List<ObjectNode> history) {
    ChatRequest.Builder b = ChatRequest.builder(model);
    if (instructions != null && !instructions.isEmpty()) {
      b.system(instructions);
    }
    List<ObjectNode> all = new ArrayList<>(history);
    all.addAll(input);
    List<Message> messages = InputItems.toMessages(all);
    if (messages.isEmpty()) {
      throw dev.switchboard.gateway.openai.OpenAiApiException.invalid(
          "input", "The input has no message the model could answer.");
    }
    messages.forEach(b::message);
    tools.forEach(b::tool);
    if (toolChoice != null) {
      b.toolChoice(toolChoice);
    }
    if (format != null) {
      b.responseFormat(format);
    }
    if (temperature != null) {
      b.temperature(temperature);
    }
    if (topP != null) {
      b.topP(topP);
    }
    if (maxOutputTokens != null) {
      b.maxOutputTokens(maxOutputTokens);
    }
    if (user != null) {
      b.endUser(user);
    }
    return b.build();
  }

  /** A setting the response object repeats, or JSON null. */
  JsonNode echoed(String field) {
    return echo.path(field);
  }
}
