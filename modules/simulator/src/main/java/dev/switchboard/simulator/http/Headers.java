package dev.switchboard.simulator.http;

import java.util.Arrays;

/** HTTP header fields in arrival order, looked up by name case-insensitively. */
public final class Headers {

  private String[] names = new String[16];
  private String[] values = new String[16];
  private int size;

  /** The first value of a field, or null. */
  public String first(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** Replaces every value of a field by this one. */
  public void set(String name, String value) {
    checkValue(value);
    int at = -1;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        if (at >= 0) {
          continue; // a later duplicate: dropped
        }
        at = kept;
      }
      names[kept] = names[i];
      values[kept++] = values[i];
    }
    size = kept;
    if (at >= 0) {
      values[at] = value;
    } else {
      add(name, value);
    }
  }

  public void add(String name, String value) {
    checkValue(value);
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size++] = value;
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** Whether a comma-separated field (e.g. {@code Connection}) lists a token. */
  public boolean hasToken(String name, String token) {
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        for (String part : values[i].split(",")) {
          if (part.trim().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void checkValue(String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("CR or LF in a header value");
    }
  }
}
