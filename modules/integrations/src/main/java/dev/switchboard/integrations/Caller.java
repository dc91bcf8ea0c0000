package dev.switchboard.integrations;

import java.util.Objects;

/**
 * Who is asking: the signed-in user, whether they are an admin, and their workspace. Built by the
 * web layer from the security context, never from a request body.
 */
public record Caller(String username, boolean admin, String workspace) {

  public Caller {
    Objects.requireNonNull(username, "username");
    workspace = workspace == null || workspace.isBlank() ? "default" : workspace;
  }

  /** Admins see everything; users only what they own. */
  public boolean canSee(String owner) {
    return admin || username.equals(owner);
  }
}
