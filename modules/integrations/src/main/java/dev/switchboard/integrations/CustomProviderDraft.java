package dev.switchboard.integrations;

/**
 * An OpenAI-compatible provider to add.
 *
 * @param id lower-case letters, digits and dashes; stored as {@code custom-<id>}
 * @param baseUrl the OpenAI-compatible API root, e.g. {@code https://llm.internal.example.com/v1}
 * @param listsModels whether it answers {@code GET /models}; defaults to true
 */
public record CustomProviderDraft(
    String id, String displayName, String baseUrl, Boolean listsModels) {}
