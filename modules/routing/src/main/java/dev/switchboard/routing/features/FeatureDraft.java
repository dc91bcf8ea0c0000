package dev.switchboard.routing.features;

/**
 * What an admin sends to create or change a feature; {@code null} leaves a setting at its default.
 *
 * @param cacheTtlSeconds 0 turns the response cache off
 */
public record FeatureDraft(
    String description,
    String systemPrompt,
    String userTemplate,
    Integer cacheTtlSeconds,
    Integer cacheMaxEntries) {}
