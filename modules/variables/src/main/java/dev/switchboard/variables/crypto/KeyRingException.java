package dev.switchboard.variables.crypto;

import dev.switchboard.variables.VariablesException;

/**
 * The master key configuration is unusable: malformed, missing, or not readable. The message says
 * what is wrong (which entry, which version, which file) without repeating any key material.
 */
public final class KeyRingException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /**
   * A configuration error.
   *
   * @param message what is wrong, without key material
   */
  public KeyRingException(String message) {
    super(message);
  }

  /**
   * A configuration error with its cause, for example an I/O error reading a key file.
   *
   * @param message what is wrong, without key material
   * @param cause the underlying failure
   */
  public KeyRingException(String message, Throwable cause) {
    super(message, cause);
  }
}
