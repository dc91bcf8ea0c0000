package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.providers.ProviderDescriptor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The providers an integration can connect to. */
@Path("api/v1/providers")
@RequestScoped
@Tag(name = "Providers")
@SecurityRequirement(name = "basic")
public class ProvidersResource {

  @Inject Integrations integrations;

  /** A provider as the API shows it. */
  public record ProviderView(
      String id,
      String displayName,
      String family,
      String defaultBaseUrl,
      String authStyle,
      List<String> capabilities,
      boolean listsModels) {

    static ProviderView of(ProviderDescriptor d) {
      return new ProviderView(
          d.id(),
          d.displayName(),
          d.family(),
          d.defaultBaseUrl() == null ? null : d.defaultBaseUrl().toString(),
          d.authStyle().name(),
          d.capabilities().stream().map(Enum::name).sorted().toList(),
          d.listsModels());
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(summary = "Every provider Switchboard can connect to")
  public List<ProviderView> list() {
    return integrations.providers().stream().map(ProviderView::of).toList();
  }
}
