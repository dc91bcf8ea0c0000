package dev.switchboard.variables.rotation;

import dev.switchboard.variables.VariablesException;

/**
 * Key rotation could not read or update the database. Rows already rewrapped stay rewrapped; run
 * the rotation again to continue.
 */
public final class RotationException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /**
   * A database failure during rotation.
   *
   * @param message what was being done, naming the table and column
   * @param cause the database error
   */
  public RotationException(String message, Throwable cause) {
    super(message, cause);
  }
}
