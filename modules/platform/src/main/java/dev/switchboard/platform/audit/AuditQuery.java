package dev.switchboard.platform.audit;

import java.time.Instant;

/**
 * A filter over the audit trail; {@code null} fields do not filter.
 *
 * @param actor who made the change
 * @param action e.g. {@code integration.created}
 * @param objectType e.g. {@code integration}
 * @param objectId the object's id
 * @param from inclusive lower bound of the time
 * @param to exclusive upper bound of the time
 * @param offset how many matching entries to skip (newest first)
 * @param limit how many to return, 1 to 500
 */
public record AuditQuery(
    String actor,
    String action,
    String objectType,
    String objectId,
    Instant from,
    Instant to,
    int offset,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
