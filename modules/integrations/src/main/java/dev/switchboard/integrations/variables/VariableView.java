package dev.switchboard.integrations.variables;

import java.time.Instant;
import java.util.List;

/**
 * A variable as the API shows it: a secure value only masked.
 *
 * @param reference how fields refer to it, e.g. {@code env.OPENAI_KEY}
 * @param usedBy the ids of the integrations whose fields refer to it
 */
public record VariableView(
    String id,
    String scope,
    String name,
    String reference,
    String workspace,
    boolean secure,
    String value,
    String description,
    List<String> usedBy,
    Instant updatedAt) {}
