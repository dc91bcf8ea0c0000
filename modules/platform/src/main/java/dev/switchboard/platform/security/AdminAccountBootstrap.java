package dev.switchboard.platform.security;

import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.database.DatabaseKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure there is a first admin account. Its password comes from {@code
 * SWITCHBOARD_ADMIN_PASSWORD}; on the embedded Derby default only, when that is unset, one is
 * generated at first start and printed once in the server log. There is never a fixed password.
 */
@ApplicationScoped
public class AdminAccountBootstrap {

  private static final Logger LOG = System.getLogger(AdminAccountBootstrap.class.getName());

  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "switchboard.admin.username", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "switchboard.admin.password")
  Optional<String> configuredPassword;

  /** In one transaction: the account and its audit entry commit together. */
  @Transactional
  public void ensureAdminAccount(DatabaseKind kind) {
    if (accounts.countWithRole(Roles.ADMIN) > 0) {
      return;
    }
    Optional<String> password = configuredPassword.filter(p -> !p.isBlank());
    if (password.isPresent()) {
      createAdmin(password.get(), "environment");
      LOG.log(
          Level.INFO,
          "Created the admin account ''{0}'' with the password from SWITCHBOARD_ADMIN_PASSWORD.",
          username);
    } else if (kind == DatabaseKind.DERBY) {
      String generated = PasswordHashing.randomPassword(20);
      createAdmin(generated, "generated");
      LOG.log(
          Level.WARNING,
          "Created the admin account ''{0}'' for the embedded default. Generated password"
              + " (shown once, change it or set SWITCHBOARD_ADMIN_PASSWORD): {1}",
          username,
          generated);
    } else {
      LOG.log(
          Level.WARNING,
          "No admin account exists. Set SWITCHBOARD_ADMIN_PASSWORD and restart to create ''{0}''.",
          username);
    }
  }

  private void createAdmin(String password, String passwordSource) {
    accounts.create(username, password.toCharArray(), Set.of(Roles.ADMIN));
    audit.record(
        "system",
        "account.created",
        "account",
        username,
        null,
        Map.of("roles", Roles.ADMIN, "passwordSource", passwordSource));
  }
}
