package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Console and admin API accounts. Admins only; passwords are write-only. */
@Path("api/v1/accounts")
@RequestScoped
@Tag(name = "Accounts")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountsResource {

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{1,99}";

  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject SecurityContext security;

  /** A new account. */
  public record NewAccount(String username, String password, Set<String> roles, String workspace) {}

  /** An account as the API shows it: never its password or hash. */
  public record AccountView(String username, Set<String> roles, String workspace, boolean enabled) {
    static AccountView of(Account a) {
      return new AccountView(a.username(), a.roles(), a.workspace(), a.enabled());
    }
  }

  @GET
  @Operation(summary = "Every account")
  public List<AccountView> list() {
    return accounts.list().stream().map(AccountView::of).toList();
  }

  @POST
  @Transactional
  @Operation(summary = "Create an account with roles admin and/or user in a workspace")
  public Response create(NewAccount a) {
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
        security.getCallerPrincipal().getName(),
        "account.created",
        "account",
        created.username(),
        workspace,
        Map.of("roles", String.join(",", created.roles())));
    return Response.status(Response.Status.CREATED).entity(AccountView.of(created)).build();
  }
}
