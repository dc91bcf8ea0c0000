package dev.switchboard.integrations;

import java.time.Instant;

/**
 * What one connection test found, step by step.
 *
 * @param modelsListed how many models the credentials can use, when the provider lists them
 * @param errorCategory the failure's category, {@code null} on success
 * @param message {@code ok}, or a sanitized description of the failure
 */
public record ConnectionTestView(
    Instant testedAt,
    String testedBy,
    boolean success,
    boolean reachable,
    boolean authenticated,
    boolean modelAccessible,
    String model,
    Integer modelsListed,
    long latencyMillis,
    String errorCategory,
    String message) {}
