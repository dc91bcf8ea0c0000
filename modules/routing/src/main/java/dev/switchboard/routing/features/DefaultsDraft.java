package dev.switchboard.routing.features;

/** The default model ({@code providerId} + {@code modelId}) and parameters, any of them unset. */
public record DefaultsDraft(
    String providerId, String modelId, Double temperature, Integer maxTokens) {}
