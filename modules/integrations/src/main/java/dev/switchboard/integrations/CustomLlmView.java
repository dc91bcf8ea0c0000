package dev.switchboard.integrations;

import java.util.List;

/**
 * A bring-your-own integration's wire as the API shows it.
 *
 * @param requestTemplate the template, as JSON text
 * @param variables the variable references the template uses
 * @param usageTracked whether the reply's token counts are mapped; when not, {@code warnings} says
 *     that consumption is estimated
 * @param testPayload the saved test payload as JSON text, or {@code null}
 */
public record CustomLlmView(
    String integrationId,
    String requestTemplate,
    List<String> variables,
    CustomLlmDraft.Mapping response,
    CustomLlmDraft.Streaming stream,
    String testPayload,
    boolean usageTracked,
    List<String> warnings) {}
