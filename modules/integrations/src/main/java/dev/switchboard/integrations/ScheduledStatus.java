package dev.switchboard.integrations;

import java.util.List;
import java.util.Set;

/**
 * What a scheduled connection test does to an integration's status. A passing test makes it ACTIVE.
 * A failing one only warns (WARNING, still routed): a 429, a timeout or an outage of one moment
 * must not take an integration out of every route. Only {@code hardLimit} consecutive hard failures
 * (the key refused, 401/403, or the model or address not found, 404), which do not heal by
 * themselves, make it ERROR and remove it from routing; so does an admin's decision (a test an
 * admin runs by hand). An integration already in ERROR stays there until a test passes.
 */
public final class ScheduledStatus {

  /** The failure categories a wait does not cure. */
  static final Set<String> HARD = Set.of("AUTHENTICATION", "PERMISSION", "MODEL_NOT_FOUND");

  private ScheduledStatus() {}

  /** Whether a test's failure is hard: authentication, permission, not found. */
  public static boolean hard(ConnectionTestView t) {
    return !t.success() && t.errorCategory() != null && HARD.contains(t.errorCategory());
  }

  /**
   * @param before the status before this test
   * @param latestFirst the integration's latest tests, this one first
   * @param hardLimit consecutive hard failures of scheduled tests that make ERROR (at least 1)
   */
  public static IntegrationStatus next(
      IntegrationStatus before, List<ConnectionTestView> latestFirst, int hardLimit) {
    ConnectionTestView now = latestFirst.get(0);
    if (now.success()) {
      return IntegrationStatus.ACTIVE;
    }
    if (before == IntegrationStatus.ERROR) {
      return IntegrationStatus.ERROR;
    }
    int limit = Math.max(1, hardLimit);
    if (latestFirst.size() >= limit
        && latestFirst.subList(0, limit).stream().allMatch(ScheduledStatus::hard)) {
      return IntegrationStatus.ERROR;
    }
    return IntegrationStatus.WARNING;
  }
}
