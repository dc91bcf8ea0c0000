package dev.switchboard.providers.byo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small subset of JSONPath, enough to point at one value of a reply: {@code $} then any number of
 * {@code .name}, {@code ['name']} (or double quotes) and {@code [index]} steps, a negative index
 * counting from the end, e.g. {@code $.choices[0].message.content} or {@code $['meta']['tokens
 * in']}. No wildcards, filters or recursive descent: a mapping names exactly one value. Parsed once
 * when saved, so a malformed path is refused then, not at the first call.
 */
public final class JsonPath {

  /** One step: an object field, or an array index when {@code field} is null. */
  private record Step(String field, int index) {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses a path; the leading {@code $} may be left out ({@code choices[0].text}).
   *
   * @throws IllegalArgumentException naming the position of the first error
   */
  public static JsonPath parse(String text) {
    Objects.requireNonNull(text, "path");
    String p = text.trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("a JSON path is required");
    }
    int i = p.startsWith("$") ? 1 : 0;
    List<Step> steps = new ArrayList<>();
    if (i == 0) {
      int end = identifierEnd(p, 0);
      if (end == 0) {
        throw error(p, 0, "a name or $");
      }
      steps.add(new Step(p.substring(0, end), 0));
      i = end;
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = identifierEnd(p, i + 1);
        if (end == i + 1) {
          throw error(p, i + 1, "a name after '.'");
        }
        steps.add(new Step(p.substring(i + 1, end), 0));
        i = end;
      } else if (c == '[') {
        i = bracket(p, i, steps);
      } else {
        throw error(p, i, "'.' or '['");
      }
    }
    return new JsonPath(p, steps);
  }

  /** The value at this path, or a {@link MissingNode} when any step does not exist. */
  public JsonNode read(JsonNode root) {
    JsonNode node = root == null ? MissingNode.getInstance() : root;
    for (Step step : steps) {
      if (step.field() != null) {
        node = node.isObject() ? node.path(step.field()) : MissingNode.getInstance();
      } else if (node.isArray()) {
        int index = step.index() < 0 ? node.size() + step.index() : step.index();
        node = index >= 0 && index < node.size() ? node.get(index) : MissingNode.getInstance();
      } else {
        node = MissingNode.getInstance();
      }
    }
    return node;
  }

  /** The value as text: a string as is, a number or boolean printed, anything else null. */
  public String readText(JsonNode root) {
    JsonNode node = read(root);
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** The value as a whole number, or {@code -1} when absent or not a non-negative number. */
  public long readCount(JsonNode root) {
    JsonNode node = read(root);
    if (node.isNumber() && node.canConvertToLong() && node.asLong() >= 0) {
      return node.asLong();
    }
    if (node.isTextual() && node.asText().matches("[0-9]{1,18}")) {
      return Long.parseLong(node.asText());
    }
    return -1;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonPath other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static int bracket(String p, int open, List<Step> steps) {
    int i = open + 1;
    if (i < p.length() && (p.charAt(i) == '\'' || p.charAt(i) == '"')) {
      char quote = p.charAt(i);
      int close = p.indexOf(quote, i + 1);
      if (close < 0 || close + 1 >= p.length() || p.charAt(close + 1) != ']') {
        throw error(p, i, "a quoted name closed by " + quote + "]");
      }
      steps.add(new Step(p.substring(i + 1, close), 0));
      return close + 2;
    }
    int close = p.indexOf(']', i);
    if (close < 0) {
      throw error(p, i, "an index closed by ]");
    }
    String number = p.substring(i, close).trim();
    if (!number.matches("-?[0-9]{1,9}")) {
      throw error(p, i, "an array index");
    }
    steps.add(new Step(null, Integer.parseInt(number)));
    return close + 1;
  }

  private static int identifierEnd(String p, int from) {
    int i = from;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$' || c == '@') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static IllegalArgumentException error(String p, int at, String expected) {
    return new IllegalArgumentException(
        "JSON path '" + p + "': expected " + expected + " at position " + at);
  }
}
