package dev.switchboard.providers.wire;

/**
 * A provider's bytes broke its own format. Internal: stream sessions and adapters turn it into an
 * {@code UPSTREAM_PROTOCOL} provider error without echoing the bytes.
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
