package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.secrets.SecretRotation;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Master-key rotation: start a rewrap of old sealed values and watch its progress. Admins only. */
@Path("api/v1/secrets/rotation")
@RequestScoped
@Tag(name = "Secrets")
@SecurityRequirement(name = "basic")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

  @Inject SecretRotation rotation;
  @Inject AuditTrail audit;
  @Inject SecurityContext security;

  @GET
  @Operation(summary = "Key versions, sealed values per version, retirable versions, last run")
  public SecretRotation.Status status() {
    return rotation.status();
  }

  @POST
  @Operation(summary = "Rewrap every sealed value onto the active key version (resumable)")
  public Response start() {
    SecretRotation.Run run = rotation.start();
    audit.record(
        security.getCallerPrincipal().getName(),
        "secrets.rotation-started",
        "master-key",
        rotation.status().activeVersion(),
        null,
        Map.of("startedAt", run.startedAt().toString()));
    return Response.accepted(run).build();
  }
}
