package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.auth.AuthProfileDraft;
import dev.switchboard.integrations.auth.AuthProfileView;
import dev.switchboard.integrations.auth.AuthProfiles;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Auth profiles of the caller's workspace (admins: all): how custom LLM and admin-added
 * OpenAI-compatible integrations authenticate. Secrets and keytabs are write-only; a profile in use
 * cannot be deleted.
 */
@Path("api/v1/auth-profiles")
@RequestScoped
@Tag(name = "Auth profiles")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthProfilesResource {

  @Inject AuthProfiles profiles;
  @Inject CallerFactory callers;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "Auth profiles, with the integrations using each")
  public List<AuthProfileView> list() {
    return profiles.list(callers.caller());
  }

  @GET
  @Path("{id}")
  public AuthProfileView get(@PathParam("id") String id) {
    return profiles.get(callers.caller(), id);
  }

  @POST
  @Operation(
      summary =
          "Create an auth profile: NONE, API_KEY, BEARER, BASIC, OAUTH2_CLIENT_CREDENTIALS or"
              + " KERBEROS_SPNEGO")
  public Response create(AuthProfileDraft draft) {
    AuthProfileView created = profiles.create(callers.caller(), required(draft));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change an auth profile; a new token endpoint needs the client secret again")
  public AuthProfileView update(@PathParam("id") String id, AuthProfileDraft draft) {
    return profiles.update(callers.caller(), id, required(draft));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete an auth profile no integration uses")
  public Response delete(@PathParam("id") String id) {
    profiles.delete(callers.caller(), id);
    return Response.noContent().build();
  }

  private static AuthProfileDraft required(AuthProfileDraft draft) {
    if (draft == null) {
      throw new InvalidRequestException("name", "a JSON body describing the profile is required");
    }
    return draft;
  }
}
