package dev.switchboard.integrations;

/** A field of an integration request is missing or wrong; the message never holds a secret. */
public class InvalidIntegrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidIntegrationException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
