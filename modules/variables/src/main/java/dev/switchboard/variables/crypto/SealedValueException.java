package dev.switchboard.variables.crypto;

import dev.switchboard.variables.VariablesException;

/**
 * A sealed value could not be opened or rewrapped: it is malformed, was tampered with, belongs to
 * another row or column, or needs a master key version that is not configured. The message may name
 * the table, column, row id and key version; it never contains plaintext or key material.
 */
public final class SealedValueException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /**
   * A failure to open or rewrap.
   *
   * @param message what failed, naming the location and key version only
   */
  public SealedValueException(String message) {
    super(message);
  }

  /**
   * A failure to open or rewrap, with the cryptographic cause.
   *
   * @param message what failed, naming the location and key version only
   * @param cause the underlying failure (for example a GCM tag mismatch)
   */
  public SealedValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
