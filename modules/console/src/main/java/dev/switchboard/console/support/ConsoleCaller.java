package dev.switchboard.console.support;

import dev.switchboard.integrations.Caller;
import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/**
 * The signed-in person as the services know callers: the same identity the admin API builds from
 * its Basic credentials, here from the console's form login.
 */
@RequestScoped
public class ConsoleCaller {

  @Inject SecurityContext security;
  @Inject AccountRepository accounts;

  public Caller caller() {
    String name = security.getCallerPrincipal().getName();
    // a signed-in name without an enabled account (AccountStillValid ends such sessions; this is
    // the same rule for a request that raced it) gets nothing: never the "default" workspace
    Account account =
        accounts
            .find(name)
            .filter(Account::enabled)
            .orElseThrow(() -> new IllegalStateException("no enabled account for this session"));
    return new Caller(name, security.isCallerInRole(Roles.ADMIN), account.workspace());
  }
}
