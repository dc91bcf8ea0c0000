package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.Caller;
import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** The signed-in caller of this request, from the security context and the account's workspace. */
@RequestScoped
public class CallerFactory {

  @Inject SecurityContext security;
  @Inject AccountRepository accounts;

  public Caller caller() {
    String name = security.getCallerPrincipal().getName();
    // an authenticated name without an account (deleted meanwhile, or signed in some other way)
    // gets nothing: never the "default" workspace
    Account account =
        accounts
            .find(name)
            .filter(Account::enabled)
            .orElseThrow(() -> new jakarta.ws.rs.ForbiddenException("no enabled account"));
    return new Caller(name, security.isCallerInRole(Roles.ADMIN), account.workspace());
  }
}
