package dev.switchboard.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An integration's token limit and its current cycle.
 *
 * @param enforcing false (the default): crossing the limit only notifies; true: calls beyond it are
 *     refused with 429 until the cycle resets
 * @param notifications whether threshold mail is sent
 * @param thresholds percentages of {@code maxTokens}, ascending, at most five
 */
public record UsageLimit(
    String integrationId,
    long maxTokens,
    int cycleDays,
    LocalDate startDate,
    boolean enforcing,
    boolean notifications,
    List<Integer> thresholds,
    List<String> recipients,
    Instant cycleStart,
    Instant cycleEnd,
    String updatedBy,
    Instant updatedAt) {

  public UsageLimit {
    thresholds = List.copyOf(thresholds);
    recipients = List.copyOf(recipients);
  }

  public CycleWindow cycle() {
    return new CycleWindow(cycleStart, cycleEnd);
  }
}
