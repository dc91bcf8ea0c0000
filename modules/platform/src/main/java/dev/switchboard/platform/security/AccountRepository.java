package dev.switchboard.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Accounts in {@code sb_account}. */
@ApplicationScoped
public class AccountRepository {

  @PersistenceContext(unitName = "switchboard-platform")
  EntityManager em;

  /**
   * Transactional on purpose: form sign-in runs before the web container sets up a unit of work,
   * and a transaction-scoped persistence context needs one.
   */
  @Transactional
  public Optional<Account> find(String username) {
    return Optional.ofNullable(em.find(Account.class, username));
  }

  /** Creates an account in the default workspace; the password is hashed here and never kept. */
  @Transactional
  public Account create(String username, char[] password, Set<String> roles) {
    return create(username, password, roles, "default");
  }

  /** Creates an account; the password is hashed here and never kept. */
  @Transactional
  public Account create(String username, char[] password, Set<String> roles, String workspace) {
    if (!Roles.ALL.containsAll(roles) || roles.isEmpty()) {
      throw new IllegalArgumentException("roles must be among " + Roles.ALL + ": " + roles);
    }
    Account account =
        new Account(
            username, new PasswordHashing().hash(password), roles, workspace, Instant.now());
    em.persist(account);
    return account;
  }

  /**
   * Changes an account's enabled flag and roles (null leaves a field as it is).
   *
   * @return the changed account, or empty when there is none of that name
   */
  @Transactional
  public Optional<Account> update(String username, Boolean enabled, Set<String> roles) {
    Account account = em.find(Account.class, username);
    if (account == null) {
      return Optional.empty();
    }
    if (roles != null) {
      if (!Roles.ALL.containsAll(roles) || roles.isEmpty()) {
        throw new IllegalArgumentException("roles must be among " + Roles.ALL + ": " + roles);
      }
      account.setRoles(roles);
    }
    if (enabled != null) {
      account.setEnabled(enabled);
    }
    return Optional.of(account);
  }

  /** Deletes an account; true when there was one. */
  @Transactional
  public boolean delete(String username) {
    Account account = em.find(Account.class, username);
    if (account == null) {
      return false;
    }
    em.remove(account);
    return true;
  }

  @Transactional
  public java.util.List<Account> list() {
    return em.createQuery("SELECT a FROM Account a ORDER BY a.username", Account.class)
        .getResultList();
  }

  @Transactional
  public long countWithRole(String role) {
    return em.createQuery("SELECT a.roles FROM Account a", String.class).getResultList().stream()
        .filter(r -> Set.of(r.split(",")).contains(role))
        .count();
  }
}
