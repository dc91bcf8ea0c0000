package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.Accounts;
import dev.switchboard.integrations.Accounts.AccountChange;
import dev.switchboard.integrations.Accounts.AccountView;
import dev.switchboard.integrations.Accounts.NewAccount;
import dev.switchboard.platform.apikeys.ApiKeys;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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

  @Inject Accounts accounts;
  @Inject ApiKeys keys;
  @Inject SecurityContext security;

  @GET
  @Operation(summary = "Every account")
  public List<AccountView> list() {
    return accounts.list();
  }

  @POST
  @Operation(summary = "Create an account with roles admin and/or user in a workspace")
  public Response create(NewAccount a) {
    AccountView created = accounts.create(security.getCallerPrincipal().getName(), a);
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("{username}")
  @Operation(
      summary =
          "Enable or disable an account, or change its roles; with revokeKeys=true (disabling only)"
              + " the gateway keys it created are revoked too")
  public Response update(
      @PathParam("username") String username,
      @QueryParam("revokeKeys") boolean revokeKeys,
      AccountChange change) {
    String actor = security.getCallerPrincipal().getName();
    return accounts
        .update(actor, username, change)
        .map(
            a -> {
              if (revokeKeys && !a.enabled()) {
                keys.revokeCreatedBy(actor, username);
              }
              return Response.ok(a).build();
            })
        .orElseGet(() -> noSuchAccount(username));
  }

  @DELETE
  @Path("{username}")
  @Operation(
      summary =
          "Delete an account (not yourself, not the last enabled admin); with revokeKeys=true the"
              + " gateway keys it created are revoked too")
  public Response delete(
      @PathParam("username") String username, @QueryParam("revokeKeys") boolean revokeKeys) {
    String actor = security.getCallerPrincipal().getName();
    if (!accounts.delete(actor, username)) {
      return noSuchAccount(username);
    }
    if (revokeKeys) {
      keys.revokeCreatedBy(actor, username);
    }
    return Response.noContent().build();
  }

  private static Response noSuchAccount(String username) {
    return ApiError.response(
        Response.Status.NOT_FOUND, "not_found", "no account " + username, null);
  }
}
