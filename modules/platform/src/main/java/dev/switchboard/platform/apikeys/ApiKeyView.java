package dev.switchboard.platform.apikeys;

import java.time.Instant;

/**
 * A key as the API shows it. {@code key} is the secret itself and is present only in the answer to
 * its creation; afterwards a key is recognised by {@code lastFour}.
 */
public record ApiKeyView(
    String id,
    String name,
    String workspace,
    String key,
    String lastFour,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Integer requestsPerMinute,
    Integer tokensPerMinute) {}
