package dev.switchboard.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One message of a conversation.
 *
 * @param role who wrote it
 * @param content its text and image parts; may be empty for an assistant message that only calls
 *     tools
 * @param toolCalls the calls an assistant message requests; empty otherwise
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers
 */
public record Message(
    Role role, List<ContentPart> content, List<ToolCall> toolCalls, String toolCallId) {

  public Message {
    Objects.requireNonNull(role, "role");
    content = content == null ? List.of() : List.copyOf(content);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
  }

  public static Message system(String text) {
    return new Message(Role.SYSTEM, List.of(ContentPart.text(text)), null, null);
  }

  public static Message user(String text) {
    return new Message(Role.USER, List.of(ContentPart.text(text)), null, null);
  }

  public static Message user(List<ContentPart> parts) {
    return new Message(Role.USER, parts, null, null);
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(ContentPart.text(text)), null, null);
  }

  public static Message assistant(String text, List<ToolCall> toolCalls) {
    List<ContentPart> parts =
        text == null || text.isEmpty() ? List.of() : List.of(ContentPart.text(text));
    return new Message(Role.ASSISTANT, parts, toolCalls, null);
  }

  public static Message toolResult(String toolCallId, String result) {
    return new Message(Role.TOOL, List.of(ContentPart.text(result)), null, toolCallId);
  }

  /** The text parts joined, images left out; empty when there is no text. */
  public String text() {
    return content.stream()
        .filter(ContentPart.Text.class::isInstance)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining());
  }

  /** Whether any part is an image. */
  public boolean hasImages() {
    return content.stream().anyMatch(ContentPart.Image.class::isInstance);
  }
}
