package dev.switchboard.core.chat;

import java.util.Objects;

/**
 * A function call requested by the model.
 *
 * @param id the provider's id for the call, echoed back in the tool result
 * @param name the function name
 * @param argumentsJson the arguments as a JSON object text, exactly as the model produced it
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
  }
}
