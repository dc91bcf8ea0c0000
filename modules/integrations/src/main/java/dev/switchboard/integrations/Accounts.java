package dev.switchboard.integrations;

import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Console and admin API accounts, for admins: listed without their passwords, created with the
 * rules both the admin API ({@code /api/v1/accounts}) and the console apply, audited.
 */
@ApplicationScoped
public class Accounts {

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{1,99}";

  /** A new account; the password is write-only. */
  public record NewAccount(String username, String password, Set<String> roles, String workspace) {}

  /** An account as it is shown: never its password or hash. */
  public record AccountView(String username, Set<String> roles, String workspace, boolean enabled) {
    static AccountView of(Account a) {
      return new AccountView(a.username(), a.roles(), a.workspace(), a.enabled());
    }
  }

  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;

  public List<AccountView> list() {
    return accounts.list().stream().map(AccountView::of).toList();
  }

  /** Creates an account with roles admin and/or user in a workspace ("default" when blank). */
  @Transactional
  public AccountView create(String actor, NewAccount a) {
    if (a == null || a.username() == null || !a.username().matches(NAME)) {
      throw new InvalidRequestException(
          "username", "username must be 2-100 of A-Z a-z 0-9 . _ @ -");
    }
    if (a.password() == null || a.password().length() < 12) {
      throw new InvalidRequestException("password", "password must have at least 12 characters");
    }
    if (a.roles() == null || a.roles().isEmpty() || !Roles.ALL.containsAll(a.roles())) {
      throw new InvalidRequestException("roles", "roles must be among " + Roles.ALL);
    }
    String workspace = a.workspace() == null || a.workspace().isBlank() ? "default" : a.workspace();
    if (!workspace.matches(NAME)) {
      throw new InvalidRequestException(
          "workspace", "workspace must be 2-100 of A-Z a-z 0-9 . _ @ -");
    }
    if (accounts.find(a.username()).isPresent()) {
      throw new InvalidRequestException("username", "an account with this name exists");
    }
    Account created =
        accounts.create(a.username(), a.password().toCharArray(), a.roles(), workspace);
    audit.record(
        actor,
        "account.created",
        "account",
        created.username(),
        workspace,
        Map.of("roles", String.join(",", created.roles())));
    return AccountView.of(created);
  }
}
