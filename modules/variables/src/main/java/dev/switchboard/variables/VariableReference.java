package dev.switchboard.variables;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to one variable, written {@code {{scope.name}}} in a field value, for example {@code
 * {{env.OPENAI_KEY}}}. Names start with a letter or underscore, continue with letters, digits,
 * {@code _ . -}, and are at most 100 characters long.
 *
 * @param scope the variable's scope
 * @param name the variable's name within its scope
 */
public record VariableReference(VariableScope scope, String name) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

  /**
   * Checks the scope is present and the name well formed.
   *
   * @param scope the variable's scope
   * @param name the variable's name within its scope
   */
  public VariableReference {
    Objects.requireNonNull(scope, "scope");
    if (!isValidName(name)) {
      throw new TemplateSyntaxException(
          "A "
              + scope.prefix()
              + " variable name must match [A-Za-z_][A-Za-z0-9_.-]{0,99} (at most 100 characters)");
    }
  }

  /**
   * Parses {@code scope.name}, as written between the braces of a reference.
   *
   * @param text for example {@code env.OPENAI_KEY}
   * @return the reference
   * @throws TemplateSyntaxException if the scope is unknown or the name malformed
   */
  public static VariableReference parse(String text) {
    if (text == null) {
      throw new TemplateSyntaxException("A variable reference is empty");
    }
    int dot = text.indexOf('.');
    VariableScope scope =
        VariableScope.fromPrefix(dot < 0 ? "" : text.substring(0, dot))
            .orElseThrow(
                () ->
                    new TemplateSyntaxException(
                        "A variable reference must start with env., content. or context."));
    return new VariableReference(scope, text.substring(dot + 1));
  }

  /**
   * Whether a text is a well-formed variable name.
   *
   * @param name the candidate name
   * @return true if well formed
   */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The reference as written in a field value.
   *
   * @return for example {@code {{env.OPENAI_KEY}}}
   */
  public String placeholder() {
    return "{{" + this + "}}";
  }

  /** The qualified name, for example {@code env.OPENAI_KEY}: safe to show, never a value. */
  @Override
  public String toString() {
    return scope.prefix() + "." + name;
  }
}
