package dev.switchboard.core.chat;

import dev.switchboard.core.usage.Usage;
import java.util.List;
import java.util.Objects;

/**
 * A complete chat reply.
 *
 * @param message the assistant message, with any tool calls
 * @param finishReason why generation stopped
 * @param servedModel the model id the provider says served the request
 * @param providerRequestId the provider's id for the call, for support tickets; may be {@code null}
 * @param usage the tokens used
 */
public record ChatResponse(
    Message message,
    FinishReason finishReason,
    String servedModel,
    String providerRequestId,
    Usage usage) {

  public ChatResponse {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
  }

  /** The assistant's text. */
  public String text() {
    return message.text();
  }

  /** The tool calls the assistant requests; empty when none. */
  public List<ToolCall> toolCalls() {
    return message.toolCalls();
  }
}
