package dev.switchboard.integrations;

/**
 * No integration with that id that the caller may see. The same answer whether it does not exist or
 * belongs to someone else, so ids from elsewhere reveal nothing.
 */
public class IntegrationNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IntegrationNotFoundException(String id) {
    super("No integration " + id);
  }
}
