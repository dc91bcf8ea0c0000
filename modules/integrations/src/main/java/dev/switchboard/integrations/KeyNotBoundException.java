package dev.switchboard.integrations;

import java.util.Set;

/**
 * An integration's stored credentials would go to a host they were not entered for: its address (or
 * a variable, or a sample value behind it) changed. A 400 naming the field to fill in again; the
 * router turns it into a refused deployment.
 */
public class KeyNotBoundException extends InvalidRequestException {

  private static final long serialVersionUID = 1L;

  KeyNotBoundException(Set<String> bound, Set<String> now) {
    super(
        "apiKey",
        "the stored API key (and header values) were entered for "
            + String.join(", ", bound)
            + "; the address now resolves to "
            + String.join(", ", now)
            + ". Enter the API key again to send it there.");
  }
}
