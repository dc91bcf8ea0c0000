package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.variables.VariableDraft;
import dev.switchboard.integrations.variables.VariableView;
import dev.switchboard.integrations.variables.Variables;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Environment, content and context variables of the caller's workspace (admins: all). Secure values
 * are write-only: every answer shows them masked.
 */
@Path("api/v1/variables")
@RequestScoped
@Tag(name = "Variables")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VariablesResource {

  @Inject Variables variables;
  @Inject CallerFactory callers;

  @GET
  @Operation(summary = "Variables, with where each is used")
  public List<VariableView> list() {
    return variables.list(callers.caller());
  }

  @GET
  @Path("{id}")
  public VariableView get(@PathParam("id") String id) {
    return variables.get(callers.caller(), id);
  }

  @POST
  @Operation(summary = "Create a variable in the caller's workspace")
  public Response create(VariableDraft draft) {
    if (draft == null) {
      throw new InvalidRequestException("name", "a JSON body describing the variable is required");
    }
    return Response.status(Response.Status.CREATED)
        .entity(variables.create(callers.caller(), draft))
        .build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change a variable's value, secure flag or description")
  public VariableView update(@PathParam("id") String id, VariableDraft draft) {
    if (draft == null) {
      throw new InvalidRequestException("value", "a JSON body is required");
    }
    return variables.update(callers.caller(), id, draft);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    variables.delete(callers.caller(), id);
    return Response.noContent().build();
  }
}
