package dev.switchboard.routing.features;

/** The defaults of one level: {@code workspace} is {@code *} for the organization. */
public record DefaultsView(
    String workspace, String providerId, String modelId, Double temperature, Integer maxTokens) {}
