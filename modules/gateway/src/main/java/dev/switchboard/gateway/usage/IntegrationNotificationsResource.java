package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.usage.Notification;
import dev.switchboard.usage.UsageAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The mails sent about one integration (thresholds, connection failures). */
@Path("api/v1/integrations/{id}/notifications")
@RequestScoped
@Tag(name = "Usage limits")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationNotificationsResource {

  @Inject UsageAdmin usage;
  @Inject CallerFactory callers;

  @GET
  @Operation(summary = "The integration's notification log, newest first")
  public List<Notification> log(@PathParam("id") String id) {
    return usage.notifications(callers.caller(), id, 200);
  }
}
