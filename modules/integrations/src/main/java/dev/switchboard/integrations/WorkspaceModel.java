package dev.switchboard.integrations;

import java.time.Instant;

/** An enabled model of an integration in a workspace, as callers of the gateway see it. */
public record WorkspaceModel(
    String integrationId, String providerId, String modelId, Instant created) {}
