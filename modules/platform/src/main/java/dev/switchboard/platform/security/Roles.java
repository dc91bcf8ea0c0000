package dev.switchboard.platform.security;

import java.util.Set;

/** The two roles: admins see and change everything; users their own integrations and usage. */
public final class Roles {
  public static final String ADMIN = "admin";
  public static final String USER = "user";

  public static final Set<String> ALL = Set.of(ADMIN, USER);

  private Roles() {}
}
