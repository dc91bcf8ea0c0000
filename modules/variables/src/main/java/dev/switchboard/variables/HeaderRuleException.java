package dev.switchboard.variables;

/**
 * A configured header was refused: a malformed name, a name that configuration may not set, or a
 * resolved value that would break the request (CR, LF, NUL). The message names the header, never
 * its value.
 */
public final class HeaderRuleException extends VariablesException {

  private static final long serialVersionUID = 1L;

  /** The refused header's name as shown in the message. */
  private final String header;

  HeaderRuleException(String header, String message) {
    super(message);
    this.header = header;
  }

  /**
   * The refused header's name, printable (control characters escaped, length capped).
   *
   * @return the header name as shown in the message
   */
  public String header() {
    return header;
  }
}
