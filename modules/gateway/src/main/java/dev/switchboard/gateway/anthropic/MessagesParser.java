package dev.switchboard.gateway.anthropic;

import static dev.switchboard.gateway.anthropic.AnthropicApiException.invalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.gateway.openai.ChatCompletionParser;
import dev.switchboard.gateway.openai.OpenAiApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Anthropic Messages request into the provider-neutral model, refusing bad input with
 * Anthropic's 400 before any upstream call; each refusal names the field. The rules for what the
 * neutral model cannot carry are in {@code docs/api.md} ("The Anthropic Messages door"): thinking
 * settings and blocks, {@code cache_control} markers, {@code top_k}, {@code
 * disable_parallel_tool_use} and {@code is_error} are dropped and named back; documents, server
 * tools and MCP servers are refused.
 */
public final class MessagesParser {

  static final int MAX_MESSAGES = 2048;
  static final int MAX_OUTPUT_TOKENS = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private MessagesParser() {}

  /** A {@code POST /v1/messages} body. */
  public static MessagesRequest parse(byte[] body) {
    return parse(readObject(body), true);
  }

  /** A {@code POST /v1/messages/count_tokens} body: as a message request, without max_tokens. */
  public static MessagesRequest parseCount(byte[] body) {
    return parse(readObject(body), false);
  }

  private static MessagesRequest parse(JsonNode root, boolean create) {
    Set<String> dropped = new LinkedHashSet<>();
    ChatRequest.Builder b = ChatRequest.builder(Fields.text(root, "model", "model", true));
    String system = system(root.get("system"), dropped);
    if (system != null) {
      b.system(system);
    }
    for (Message m : messages(root, dropped)) {
      b.message(m);
    }
    if (create) {
      if (!Fields.present(root, "max_tokens")) {
        throw invalid("max_tokens: Field required");
      }
      b.maxOutputTokens((int) Fields.integer(root, "max_tokens", 1, MAX_OUTPUT_TOKENS));
    }
    Double temperature = Fields.number(root, "temperature", 0, 1);
    if (temperature != null) {
      b.temperature(temperature);
    }
    Double topP = Fields.number(root, "top_p", 0, 1);
    if (topP != null) {
      b.topP(topP);
    }
    if (Fields.present(root, "top_k")) {
      Fields.integer(root, "top_k", 0, Integer.MAX_VALUE);
      dropped.add("top_k");
    }
    stopSequences(root).forEach(b::stop);
    String user = userId(root.get("metadata"));
    if (user != null) {
      b.endUser(user);
    }
    thinking(root.get("thinking"), dropped);
    MessagesTools.tools(root.get("tools"), dropped).forEach(b::tool);
    var choice = MessagesTools.toolChoice(root.get("tool_choice"), dropped);
    if (choice != null) {
      b.toolChoice(choice);
    }
    if (Fields.present(root, "mcp_servers") && !root.get("mcp_servers").isEmpty()) {
      throw invalid("mcp_servers: MCP servers are not supported through the gateway");
    }
    boolean stream = Fields.bool(root, "stream");
    return new MessagesRequest(b.build(), stream, dropped, variables(root));
  }

  /** Switchboard's {@code variables}, read as the chat door reads them, refused in our shape. */
  private static Map<String, String> variables(JsonNode root) {
    try {
      return ChatCompletionParser.variables(root);
    } catch (OpenAiApiException e) {
      throw AnthropicErrors.of(e);
    }
  }

  static JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("The request body is not valid JSON.");
    } catch (IOException e) {
      throw invalid("The request body could not be read.");
    }
    if (root == null || !root.isObject()) {
      throw invalid("The request body must be a JSON object.");
    }
    return root;
  }

  /** The system prompt, a string or text blocks (joined by a blank line); {@code null} if none. */
  private static String system(JsonNode s, Set<String> dropped) {
    if (s == null || s.isNull()) {
      return null;
    }
    if (s.isTextual()) {
      return s.asText().isEmpty() ? null : s.asText();
    }
    if (!s.isArray()) {
      throw invalid("system: Input should be a string or a list of text blocks");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      JsonNode block = Fields.object(s.get(i), "system." + i);
      if (!block.path("type").asText("").equals("text")) {
        throw invalid("system." + i + ".type: only text blocks are allowed in the system prompt");
      }
      texts.add(Fields.text(block, "text", "system." + i + ".text", true));
      MessageBlocks.noteCacheControl(block, dropped);
    }
    return texts.isEmpty() ? null : String.join("\n\n", texts);
  }

  private static List<Message> messages(JsonNode root, Set<String> dropped) {
    JsonNode node = Fields.array(root, "messages", "messages", true);
    if (node.isEmpty()) {
      throw invalid("messages: at least one message is required");
    }
    if (node.size() > MAX_MESSAGES) {
      throw invalid(
          "messages: " + node.size() + " messages; at most " + MAX_MESSAGES + " are allowed");
    }
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "messages." + i;
      JsonNode m = Fields.object(node.get(i), path);
      String role = Fields.text(m, "role", path + ".role", true);
      JsonNode content = m.get("content");
      if (content == null || content.isNull()) {
        throw invalid(path + ".content: Field required");
      }
      switch (role) {
        case "user" -> out.addAll(MessageBlocks.user(path + ".content", content, dropped));
        case "assistant" -> out.add(MessageBlocks.assistant(path + ".content", content, dropped));
        default ->
            throw invalid(
                path + ".role: Input should be 'user' or 'assistant', not '" + role + "'");
      }
    }
    return out;
  }

  private static List<String> stopSequences(JsonNode root) {
    JsonNode s = Fields.array(root, "stop_sequences", "stop_sequences", false);
    if (s == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (!s.get(i).isTextual() || s.get(i).asText().isEmpty()) {
        throw invalid("stop_sequences." + i + ": Input should be a non-empty string");
      }
      out.add(s.get(i).asText());
    }
    return out;
  }

  private static String userId(JsonNode metadata) {
    if (metadata == null || metadata.isNull()) {
      return null;
    }
    return Fields.text(Fields.object(metadata, "metadata"), "user_id", "metadata.user_id", false);
  }

  /**
   * Extended thinking is not in the neutral model: an enabled {@code thinking} is dropped (the
   * reply comes without thinking blocks) and named back; a malformed one is refused.
   */
  private static void thinking(JsonNode t, Set<String> dropped) {
    if (t == null || t.isNull()) {
      return;
    }
    String type = Fields.text(Fields.object(t, "thinking"), "type", "thinking.type", true);
    switch (type) {
      case "enabled" -> {
        if (!Fields.present(t, "budget_tokens")) {
          throw invalid("thinking.budget_tokens: Field required");
        }
        Fields.integer(t, "budget_tokens", 1, MAX_OUTPUT_TOKENS);
        dropped.add("thinking");
      }
      case "adaptive" -> dropped.add("thinking");
      case "disabled" -> {
        // nothing asked, nothing dropped
      }
      default ->
          throw invalid(
              "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled', not '"
                  + type
                  + "'");
    }
  }
}
