package dev.switchboard.usage;

import java.time.Instant;
import java.util.List;

/**
 * One mail in the notification log.
 *
 * @param status PENDING (queued), SENDING (claimed by a server), SENT, or FAILED (with {@code
 *     nextAttemptAt} when it will be retried, null when it was given up)
 */
public record Notification(
    String id,
    String kind,
    String integrationId,
    List<String> recipients,
    String subject,
    String body,
    String status,
    int attempts,
    String lastError,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant sentAt) {}
