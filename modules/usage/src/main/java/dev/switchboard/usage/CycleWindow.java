package dev.switchboard.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One cycle of a limit: {@code [start, end)}. Cycles follow each other from the schedule's start
 * date (midnight UTC), each {@code days} long; after downtime the current cycle is the one that
 * contains now (one reset, however many cycles were missed).
 */
public record CycleWindow(Instant start, Instant end) {

  public static CycleWindow containing(LocalDate startDate, int days, Instant now) {
    Instant first = startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    Duration length = Duration.ofDays(days);
    if (now.isBefore(first)) {
      return new CycleWindow(first, first.plus(length));
    }
    long n = Duration.between(first, now).toMillis() / length.toMillis();
    Instant start = first.plus(length.multipliedBy(n));
    return new CycleWindow(start, start.plus(length));
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
