package dev.switchboard.integrations;

/** A model of an integration, as the API shows it. */
public record ModelView(
    String modelId,
    String displayName,
    String description,
    String deploymentId,
    boolean enabled,
    boolean custom) {}
