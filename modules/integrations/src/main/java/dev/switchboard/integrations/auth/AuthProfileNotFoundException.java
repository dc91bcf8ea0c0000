package dev.switchboard.integrations.auth;

/** No auth profile with this id in the caller's view: missing or another workspace's. */
public class AuthProfileNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuthProfileNotFoundException(String id) {
    super("no auth profile " + id);
  }
}
