package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.usage.Notification;
import dev.switchboard.usage.UsageAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The notification log: every mail with its delivery status, attempts and last error. */
@Path("api/v1/notifications/log")
@RequestScoped
@Tag(name = "Usage limits")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

  @Inject UsageAdmin usage;
  @Inject CallerFactory callers;

  @GET
  @Operation(summary = "The notification log, newest first, optionally for one integration")
  public List<Notification> log(
      @QueryParam("integration") String integration,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit", "limit must be between 1 and 1000");
    }
    return usage.notifications(callers.caller(), integration, limit);
  }
}
