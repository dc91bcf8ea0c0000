package dev.switchboard.platform.apikeys;

import java.time.Instant;

/**
 * A key to create.
 *
 * @param workspace the workspace whose models the key may use; admins choose, users get their own
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param requestsPerMinute a cap across the cluster, or {@code null}
 * @param tokensPerMinute a cap across the cluster, or {@code null}
 */
public record ApiKeyDraft(
    String name,
    String workspace,
    Instant expiresAt,
    Integer requestsPerMinute,
    Integer tokensPerMinute) {}
