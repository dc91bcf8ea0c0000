package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.apikeys.ApiKeyDraft;
import dev.switchboard.platform.apikeys.ApiKeyView;
import dev.switchboard.platform.apikeys.ApiKeys;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Gateway API keys: the key is in the creation's answer only. Users manage their workspace's keys;
 * admins any workspace's.
 */
@Path("api/v1/api-keys")
@RequestScoped
@Tag(name = "API keys")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

  @Inject ApiKeys keys;
  @Inject CallerFactory callers;

  @GET
  @Operation(summary = "Keys of the caller's workspace (admins: all), without the keys themselves")
  public List<ApiKeyView> list() {
    Caller c = callers.caller();
    return keys.list(c.admin() ? null : c.workspace());
  }

  @POST
  @Operation(summary = "Create a key; the answer shows it once")
  public Response create(ApiKeyDraft d) {
    Caller c = callers.caller();
    if (d == null || d.name() == null || d.name().isBlank() || d.name().length() > 100) {
      throw new InvalidRequestException("name", "name is required (at most 100 characters)");
    }
    if (d.expiresAt() != null && !d.expiresAt().isAfter(Instant.now())) {
      throw new InvalidRequestException("expiresAt", "expiresAt must be in the future");
    }
    positive("requestsPerMinute", d.requestsPerMinute());
    positive("tokensPerMinute", d.tokensPerMinute());
    String workspace =
        c.admin() && d.workspace() != null && !d.workspace().isBlank()
            ? d.workspace()
            : c.workspace();
    return Response.status(Response.Status.CREATED)
        .entity(keys.create(c.username(), workspace, d))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke a key; requests with it fail from now on")
  public Response revoke(@PathParam("id") String id) {
    Caller c = callers.caller();
    if (!keys.revoke(c.username(), id, c.admin() ? null : c.workspace())) {
      throw new NotFoundException();
    }
    return Response.noContent().build();
  }

  private static void positive(String field, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidRequestException(field, field + " must be positive");
    }
  }
}
