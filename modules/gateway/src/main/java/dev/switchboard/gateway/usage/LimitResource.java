package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.usage.LimitDraft;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageLimit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An integration's token limit, its notification settings (toggle, thresholds, recipients) and its
 * current cycle. Admins change it; the integration's owner may read it.
 */
@Path("api/v1/integrations/{id}/limit")
@RequestScoped
@Tag(name = "Usage limits")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LimitResource {

  @Inject UsageAdmin usage;
  @Inject CallerFactory callers;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(
      summary =
          "The limit with tokens used in the current cycle, and a warning when the integration's"
              + " usage is estimated (not tracked exactly)")
  public UsageAdmin.LimitView get(@PathParam("id") String id) {
    return usage.limit(callers.caller(), id).orElseThrow(NotFoundException::new);
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Set the limit: maxTokens, cycleDays (1-90), startDate (today or later), enforcing"
              + " (default false: notify only), notifications (default true), thresholds (up to 5"
              + " percentages; default 50/75/90/100) and recipients (e-mail addresses)")
  public UsageLimit put(@PathParam("id") String id, LimitDraft draft) {
    return usage.saveLimit(callers.caller(), id, draft);
  }

  @DELETE
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove the limit (the ledger and the notification log stay)")
  public Response delete(@PathParam("id") String id) {
    if (!usage.deleteLimit(callers.caller(), id)) {
      throw new NotFoundException();
    }
    return Response.noContent().build();
  }
}
