package dev.switchboard.integrations;

/**
 * A model to add to an integration.
 *
 * @param modelId the provider's model id, e.g. {@code gpt-4o-mini}; required
 * @param displayName shown in the console; defaults to the model id
 * @param description free text
 * @param deploymentId Azure OpenAI's deployment name for the model
 * @param enabled whether routes may use it; defaults to true
 */
public record ModelDraft(
    String modelId, String displayName, String description, String deploymentId, Boolean enabled) {}
