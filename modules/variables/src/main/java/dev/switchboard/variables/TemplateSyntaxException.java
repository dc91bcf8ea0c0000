package dev.switchboard.variables;

/**
 * A field value's variable references are malformed: an unknown scope, a bad name, or braces not
 * closed. The message gives the position and the rule, not the text around it, since a field value
 * may itself be a secret.
 */
public final class TemplateSyntaxException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /**
   * A syntax error.
   *
   * @param message the rule that was broken and where
   */
  public TemplateSyntaxException(String message) {
    super(message);
  }
}
