package dev.switchboard.variables;

/**
 * The root of every error this module throws. Messages name variables, headers, tables, columns,
 * row ids and key versions; they never contain a variable's value, a secret or key material, so
 * they are safe to log and to show.
 */
public class VariablesException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * An error with a message that must already be free of values and secrets.
   *
   * @param message what went wrong, naming things but no values
   */
  public VariablesException(String message) {
    super(message);
  }

  /**
   * An error with a cause whose own message must also be free of values and secrets.
   *
   * @param message what went wrong, naming things but no values
   * @param cause the underlying failure
   */
  public VariablesException(String message, Throwable cause) {
    super(message, cause);
  }
}
