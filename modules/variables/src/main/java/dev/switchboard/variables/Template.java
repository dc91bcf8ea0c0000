package dev.switchboard.variables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field value parsed into literal text and variable references, for example {@code Bearer
 * {{env.TOKEN}}}. Spaces just inside the braces are allowed ({@code {{ env.TOKEN }}}); <code>
 * \&#123;&#123;</code> stands for a literal <code>&#123;&#123;</code>, and a backslash anywhere
 * else is literal. Parsing fails on an unknown scope, a malformed name, or braces that are not
 * closed, so a value can be checked when it is saved rather than when it is first used.
 *
 * <p>{@link #references()} lists what a value uses: for "where is this variable used" and for the
 * sample values a connection test asks for. {@link #toString()} does not show the text, which may
 * contain a literal secret.
 */
public final class Template {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";
  private static final String ESCAPED_OPEN = "\\{{";

  /** One piece of the value: literal text, or a reference when {@code reference} is set. */
  private record Segment(String literal, VariableReference reference) {}

  private final List<Segment> segments;
  private final List<VariableReference> references;

  private Template(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    LinkedHashSet<VariableReference> distinct = new LinkedHashSet<>();
    for (Segment segment : segments) {
      if (segment.reference() != null) {
        distinct.add(segment.reference());
      }
    }
    this.references = List.copyOf(distinct);
  }

  /**
   * Parses a field value.
   *
   * @param text the value; {@code null} is treated as empty
   * @return the parsed value
   * @throws TemplateSyntaxException if a reference is malformed or not closed
   */
  public static Template parse(String text) {
    List<Segment> segments = new ArrayList<>();
    if (text == null) {
      return new Template(segments);
    }
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith(ESCAPED_OPEN, i)) {
        literal.append(OPEN);
        i += ESCAPED_OPEN.length();
      } else if (text.startsWith(OPEN, i)) {
        int end = text.indexOf(CLOSE, i + OPEN.length());
        if (end < 0) {
          throw new TemplateSyntaxException(
              "The reference opened at position " + i + " is not closed with }}");
        }
        flush(literal, segments);
        segments.add(new Segment(null, parseReference(text.substring(i + OPEN.length(), end), i)));
        i = end + CLOSE.length();
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    flush(literal, segments);
    return new Template(segments);
  }

  /**
   * The variables this value uses, each once, in order of first use.
   *
   * @return the references; empty for a plain value
   */
  public List<VariableReference> references() {
    return references;
  }

  /**
   * Whether the value uses any variable.
   *
   * @return true if it has at least one reference
   */
  public boolean hasReferences() {
    return !references.isEmpty();
  }

  /**
   * Builds the text with each reference replaced by its value. Values are inserted literally: a
   * value that looks like a reference is not resolved again.
   */
  public String render(Map<VariableReference, String> values) {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment.reference() == null) {
        out.append(segment.literal());
      } else {
        out.append(Objects.requireNonNull(values.get(segment.reference())));
      }
    }
    return out.toString();
  }

  /** Names the references only; the literal text may be a secret. */
  @Override
  public String toString() {
    return "Template" + references;
  }

  private static VariableReference parseReference(String inner, int position) {
    try {
      return VariableReference.parse(inner.strip());
    } catch (TemplateSyntaxException e) {
      throw new TemplateSyntaxException(
          "The reference at position " + position + " is malformed: " + e.getMessage());
    }
  }

  private static void flush(StringBuilder literal, List<Segment> segments) {
    if (literal.length() > 0) {
      segments.add(new Segment(literal.toString(), null));
      literal.setLength(0);
    }
  }
}
