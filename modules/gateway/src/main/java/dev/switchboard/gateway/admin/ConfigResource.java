package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.ConfigDocument.ImportReport;
import dev.switchboard.integrations.ConfigPortability;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Integrations and variables as YAML, so configuration can live in Git. Secrets never leave. */
@Path("api/v1/config")
@RequestScoped
@Tag(name = "Configuration")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class ConfigResource {

  static final String YAML = "application/yaml";

  @Inject ConfigPortability portability;
  @Inject CallerFactory callers;

  @GET
  @Produces(YAML)
  @Operation(summary = "Export the caller's integrations and variables (secrets as references)")
  public String export() {
    return portability.export(callers.caller());
  }

  @POST
  @Consumes({YAML, "text/yaml", MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create or update integrations and variables from a YAML export")
  public ImportReport importYaml(String yaml) {
    return portability.importYaml(callers.caller(), yaml);
  }
}
