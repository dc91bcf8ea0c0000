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
import java.util.Optional;
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

  /**
   * A change to an account: a null field stays as it is. Neither the name, the workspace nor the
   * password changes here.
   */
  public record AccountChange(Boolean enabled, Set<String> roles) {}

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

  /**
   * Enables, disables or changes the roles of an account. An admin cannot change their own account
   * this way (no one locks themselves out), and the last enabled admin stays an enabled admin. A
   * disabled account cannot sign in; the console ends its session on its next request, and so it
   * does for an account whose roles changed.
   *
   * @return the changed account, or empty when there is none of that name
   */
  @Transactional
  public Optional<AccountView> update(String actor, String username, AccountChange change) {
    if (change == null || (change.enabled() == null && change.roles() == null)) {
      throw new InvalidRequestException("enabled", "give enabled and/or roles to change");
    }
    if (change.roles() != null
        && (change.roles().isEmpty() || !Roles.ALL.containsAll(change.roles()))) {
      throw new InvalidRequestException("roles", "roles must be among " + Roles.ALL);
    }
    Optional<Account> current = accounts.find(username);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    boolean staysAdmin =
        !Boolean.FALSE.equals(change.enabled())
            && (change.roles() == null
                ? current.get().roles().contains(Roles.ADMIN)
                : change.roles().contains(Roles.ADMIN));
    if (username.equals(actor) && !staysAdmin) {
      throw new InvalidRequestException(
          change.roles() != null ? "roles" : "enabled",
          "you cannot disable or demote your own account: another admin must");
    }
    if (!staysAdmin && isLastEnabledAdmin(current.get())) {
      throw new InvalidRequestException(
          change.roles() != null ? "roles" : "enabled",
          "this is the last enabled admin: make another admin first");
    }
    Account changed = accounts.update(username, change.enabled(), change.roles()).orElseThrow();
    audit.record(
        actor,
        "account.updated",
        "account",
        username,
        changed.workspace(),
        Map.of(
            "enabled", String.valueOf(changed.enabled()),
            "roles", String.join(",", changed.roles())));
    return Optional.of(AccountView.of(changed));
  }

  /**
   * Deletes an account. What it created (integrations, variables, keys) stays in its workspace; its
   * gateway keys keep working until revoked. Same guards as {@link #update}.
   *
   * @return false when there is no account of that name
   */
  @Transactional
  public boolean delete(String actor, String username) {
    Optional<Account> current = accounts.find(username);
    if (current.isEmpty()) {
      return false;
    }
    if (username.equals(actor)) {
      throw new InvalidRequestException(
          "username", "you cannot delete your own account: another admin must");
    }
    if (isLastEnabledAdmin(current.get())) {
      throw new InvalidRequestException(
          "username", "this is the last enabled admin: make another admin first");
    }
    accounts.delete(username);
    audit.record(
        actor,
        "account.deleted",
        "account",
        username,
        current.get().workspace(),
        Map.of("roles", String.join(",", current.get().roles())));
    return true;
  }

  private boolean isLastEnabledAdmin(Account account) {
    if (!account.enabled() || !account.roles().contains(Roles.ADMIN)) {
      return false;
    }
    return accounts.list().stream()
        .filter(a -> a.enabled() && a.roles().contains(Roles.ADMIN))
        .allMatch(a -> a.username().equals(account.username()));
  }
}
