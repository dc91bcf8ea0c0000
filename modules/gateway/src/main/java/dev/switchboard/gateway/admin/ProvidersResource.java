package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.Catalog;
import dev.switchboard.integrations.CustomProviderDraft;
import dev.switchboard.integrations.CustomProviders;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.providers.ProviderDescriptor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
  @Inject CustomProviders customProviders;
  @Inject Catalog catalog;
  @Inject CallerFactory callers;

  /** A provider as the API shows it. */
  public record ProviderView(
      String id,
      String displayName,
      String family,
      String defaultBaseUrl,
      String authStyle,
      List<String> capabilities,
      boolean listsModels,
      boolean custom) {

    static ProviderView of(ProviderDescriptor d) {
      return new ProviderView(
          d.id(),
          d.displayName(),
          d.family(),
          d.defaultBaseUrl() == null ? null : d.defaultBaseUrl().toString(),
          d.authStyle().name(),
          d.capabilities().stream().map(Enum::name).sorted().toList(),
          d.listsModels(),
          ProviderDescriptor.isCustom(d.id()));
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(summary = "Every provider Switchboard can connect to")
  public List<ProviderView> list() {
    return integrations.providers().stream().map(ProviderView::of).toList();
  }

  /** A catalog model: what it can do and its list price (absent when unknown, never 0). */
  public record CatalogModelView(
      String id,
      String displayName,
      Integer contextWindow,
      Integer maxOutputTokens,
      List<String> capabilities,
      java.math.BigDecimal inputPerMillion,
      java.math.BigDecimal outputPerMillion,
      java.math.BigDecimal cachedInputPerMillion,
      String currency,
      java.time.LocalDate priceEffectiveDate) {}

  @GET
  @Path("{id}/models")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.USER})
  @Operation(summary = "The provider's well-known models from the catalog, with prices")
  public List<CatalogModelView> models(@PathParam("id") String id) {
    if (integrations.providers().stream().noneMatch(p -> p.id().equals(id))) {
      throw new jakarta.ws.rs.NotFoundException();
    }
    return catalog.models(id).stream()
        .map(
            e ->
                new CatalogModelView(
                    e.model().id(),
                    e.model().displayName(),
                    e.model().contextWindow(),
                    e.model().maxOutputTokens(),
                    e.model().capabilities().stream().map(Enum::name).sorted().toList(),
                    e.pricing().map(p -> p.inputPerMillion()).orElse(null),
                    e.pricing().map(p -> p.outputPerMillion()).orElse(null),
                    e.pricing().map(p -> p.cachedInputPerMillion()).orElse(null),
                    e.pricing().map(p -> p.currency()).orElse(null),
                    e.pricing().map(p -> p.effectiveDate()).orElse(null)))
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Add an OpenAI-compatible provider by base URL (id becomes custom-<id>)")
  public Response add(CustomProviderDraft draft) {
    return Response.status(Response.Status.CREATED)
        .entity(ProviderView.of(integrations.addProvider(callers.caller(), draft)))
        .build();
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove an added provider that no integration uses")
  public Response remove(@PathParam("id") String id) {
    customProviders.remove(callers.caller().username(), id);
    return Response.noContent().build();
  }
}
