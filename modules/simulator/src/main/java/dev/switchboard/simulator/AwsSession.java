package dev.switchboard.simulator;

import java.time.Instant;

/**
 * One STS {@code AssumeRole} the simulator answered: which role, with which external id, and the
 * temporary access key id it issued, valid until {@code expiresAt}.
 */
public record AwsSession(
    String roleArn, String externalId, String accessKeyId, Instant expiresAt) {}
