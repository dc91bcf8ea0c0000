package dev.switchboard.gateway.responses;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The stored responses of a whole workspace, for an admin erasing that workspace's data (there is
 * no workspace entity to delete: a workspace is the name its accounts and keys carry).
 */
@Path("api/v1/stored-responses")
@RequestScoped
@Tag(name = "Stored responses")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class StoredResponsesResource {

  @Inject StoredResponses stored;
  @Inject CallerFactory callers;
  @Inject AuditTrail audit;

  /** How many stored parts a deletion removed. */
  public record Deleted(String workspace, int parts) {}

  @DELETE
  @Operation(summary = "Delete every stored Responses API response of a workspace")
  public Deleted deleteWorkspace(@QueryParam("workspace") String workspace) {
    if (workspace == null || workspace.isBlank()) {
      throw new InvalidRequestException("workspace", "workspace is required");
    }
    Caller c = callers.caller();
    int parts = stored.deleteWorkspace(workspace);
    audit.record(
        c.username(),
        "responses.workspace.deleted",
        "workspace",
        workspace,
        workspace,
        Map.of("parts", parts));
    return new Deleted(workspace, parts);
  }
}
