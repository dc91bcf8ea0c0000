package dev.switchboard.integrations;

/**
 * Fired (a CDI event) when an integration is deleted or reset, so whatever was configured on top of
 * it (feature assignments, prompts) is unassigned visibly rather than left broken.
 *
 * @param integrationId the integration
 * @param reset {@code true} when it was reset and still exists, {@code false} when deleted
 */
public record IntegrationRemoved(String integrationId, boolean reset) {}
