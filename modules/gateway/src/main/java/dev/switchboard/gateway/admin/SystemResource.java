package dev.switchboard.gateway.admin;

import dev.switchboard.platform.security.Roles;
import dev.switchboard.platform.status.ServerStatus;
import dev.switchboard.platform.status.StatusService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The server's own status for signed-in callers. */
@Path("api/v1/system")
@RequestScoped
@Tag(name = "System")
@SecurityRequirement(name = "basic")
public class SystemResource {

  @Inject StatusService status;

  @GET
  @Path("status")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(summary = "Version, database kind, schema version and database health")
  public ServerStatus status() {
    return status.current();
  }
}
