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
    String workspace = accounts.find(name).map(Account::workspace).orElse("default");
    return new Caller(name, security.isCallerInRole(Roles.ADMIN), workspace);
  }
}
