package dev.switchboard.console.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times look in the console: UTC, to the second, the same everywhere. */
@Named
@ApplicationScoped
public class Formats {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  public String day(Instant t) {
    return t == null ? "" : DAY.format(t);
  }
}
