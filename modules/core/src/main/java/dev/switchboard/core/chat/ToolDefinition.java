package dev.switchboard.core.chat;

import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model; may be {@code null}
 * @param parametersSchema a JSON Schema text describing the arguments object
 */
public record ToolDefinition(String name, String description, String parametersSchema) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    parametersSchema =
        parametersSchema == null ? "{\"type\":\"object\",\"properties\":{}}" : parametersSchema;
  }
}
