package dev.switchboard.simulator.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed fault specification: {@code key[=value]} items separated by {@code ;}, for example
 * {@code status=429;retry-after=2}. Later specs override earlier ones when merged, so a request
 * header can refine a family scenario.
 */
public final class FaultSpec {

  public static final FaultSpec NONE = new FaultSpec(Map.of());

  private static final Set<String> NUMERIC =
      Set.of(
          "bad-crc-after",
          "truncate-after",
          "status",
          "retry-after",
          "retry-after-ms",
          "latency",
          "stream-error-after",
          "reset-after",
          "drip");
  private static final Set<String> TEXT = Set.of("code", "type", "message", "should-retry");
  private static final Set<String> FLAGS =
      Set.of("hang", "malformed", "html-502", "no-usage", "split-utf8", "html-200");
  private static final Set<String> OPTIONAL_NUMBER = Set.of("retry-after-date");

  private final Map<String, String> items;

  private FaultSpec(Map<String, String> items) {
    this.items = items;
  }

  /**
   * Parses a spec; a blank or null spec is {@link #NONE}.
   *
   * @throws IllegalArgumentException for an unknown key or a malformed value
   */
  public static FaultSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<String, String> items = new LinkedHashMap<>();
    for (String raw : spec.split(";")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String key =
          (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(java.util.Locale.ROOT);
      String value = eq < 0 ? "" : item.substring(eq + 1).trim();
      validate(key, value);
      items.put(key, value);
    }
    return new FaultSpec(Collections.unmodifiableMap(items));
  }

  private static void validate(String key, String value) {
    if (NUMERIC.contains(key)) {
      try {
        if (Long.parseLong(value) < 0) {
          throw new IllegalArgumentException("fault '" + key + "' must not be negative");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "fault '" + key + "' needs a number, got '" + value + "'");
      }
    } else if (TEXT.contains(key)) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("fault '" + key + "' needs a value");
      }
    } else if (FLAGS.contains(key)) {
      if (!value.isEmpty()) {
        throw new IllegalArgumentException("fault '" + key + "' takes no value");
      }
    } else if (OPTIONAL_NUMBER.contains(key)) {
      if (!value.isEmpty() && !value.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("fault '" + key + "' needs a number of seconds");
      }
    } else {
      throw new IllegalArgumentException("unknown fault '" + key + "'");
    }
  }

  /** This spec with {@code later}'s items added, {@code later} winning on conflicts. */
  public FaultSpec then(FaultSpec later) {
    if (later.items.isEmpty()) {
      return this;
    }
    if (items.isEmpty()) {
      return later;
    }
    Map<String, String> merged = new LinkedHashMap<>(items);
    merged.putAll(later.items);
    return new FaultSpec(Collections.unmodifiableMap(merged));
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public boolean has(String key) {
    return items.containsKey(key);
  }

  /** A numeric item, or {@code fallback} when absent. */
  public long number(String key, long fallback) {
    String value = items.get(key);
    return value == null || value.isEmpty() ? fallback : Long.parseLong(value);
  }

  /** A text item, or {@code fallback} when absent. */
  public String text(String key, String fallback) {
    return items.getOrDefault(key, fallback);
  }

  /** The HTTP status to fail with, or 0 when the spec asks for none. */
  public int status() {
    return (int) number("status", 0);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    items.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ";").append(k).append(v.isEmpty() ? "" : "=" + v));
    return sb.toString();
  }
}
