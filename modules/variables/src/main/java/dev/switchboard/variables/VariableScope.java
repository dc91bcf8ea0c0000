package dev.switchboard.variables;

import java.util.Optional;

/**
 * Where a variable's value comes from. Any variable, in any scope, may be marked secure, in which
 * case its value is stored sealed and shown masked.
 */
public enum VariableScope {
  /** Set by an admin for the environment (organisation or workspace): keys, endpoints, regions. */
  ENVIRONMENT("env"),
  /** Supplied with each call by the calling application or the prompt's content. */
  CONTENT("content"),
  /** Known only at design time, when an admin tests a connection or previews a request. */
  CONTEXT("context");

  private final String prefix;

  VariableScope(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The prefix a reference uses for this scope, as in {@code {{env.NAME}}}.
   *
   * @return {@code env}, {@code content} or {@code context}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * The scope a reference prefix names.
   *
   * @param prefix {@code env}, {@code content} or {@code context} (exact, lower case)
   * @return the scope, or empty if the prefix names none
   */
  public static Optional<VariableScope> fromPrefix(String prefix) {
    for (VariableScope scope : values()) {
      if (scope.prefix.equals(prefix)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
