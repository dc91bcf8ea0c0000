package dev.switchboard.usage;

import java.time.Instant;

/**
 * A usage question: a period {@code [from, to)}, a grouping, and optional filters.
 *
 * @param workspace only this workspace's calls (users are held to their own)
 */
public record UsageQuery(
    Instant from, Instant to, GroupBy groupBy, String workspace, String integrationId) {

  /** What rows are grouped by. MODULE and FEATURE are the same column: the caller's feature. */
  public enum GroupBy {
    MODULE("feature"),
    FEATURE("feature"),
    MODEL("model"),
    PROVIDER("provider"),
    WORKSPACE("workspace"),
    INTEGRATION("integration_id"),
    CALLER("caller"),
    DAY("CAST(started_at AS DATE)");

    final String expression;

    GroupBy(String expression) {
      this.expression = expression;
    }
  }
}
