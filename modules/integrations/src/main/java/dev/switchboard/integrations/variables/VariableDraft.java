package dev.switchboard.integrations.variables;

/**
 * A variable as a caller creates or changes it.
 *
 * @param scope {@code env}, {@code content} or {@code context}
 * @param name {@code [A-Za-z_][A-Za-z0-9_.-]*}, at most 100 characters
 * @param value the value; on update {@code null} keeps the stored one
 * @param secure sealed at rest and never shown again, only masked
 */
public record VariableDraft(
    String scope, String name, String value, Boolean secure, String description) {}
