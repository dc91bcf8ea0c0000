package dev.switchboard.gateway.usage;

import dev.switchboard.gateway.admin.CallerFactory;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.usage.PriceEntry;
import dev.switchboard.usage.UsageAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Model prices per million tokens, each from a moment on. A new price never changes the cost of
 * entries already written; a model without a price has an unknown (null) cost.
 */
@Path("api/v1/prices")
@RequestScoped
@Tag(name = "Usage")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PricesResource {

  @Inject UsageAdmin usage;
  @Inject CallerFactory callers;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(summary = "Every price, by model and date")
  public List<PriceEntry> list() {
    return usage.prices();
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Add a price: provider, model, inputPerMTok, outputPerMTok, cachedInputPerMTok"
              + " (optional), currency (default USD), effectiveFrom (default now)")
  public Response add(PriceEntry draft) {
    return Response.status(Response.Status.CREATED)
        .entity(usage.addPrice(callers.caller(), draft))
        .build();
  }
}
