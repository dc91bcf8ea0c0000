package dev.switchboard.gateway.openai;

import dev.switchboard.gateway.anthropic.AnthropicModels;
import dev.switchboard.gateway.security.GatewayAuthentication;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/models}: the models the key's workspace can use, as {@code provider/model}; in
 * OpenAI's shape, or in Anthropic's for a caller that sends {@code anthropic-version}.
 */
@Path("v1/models")
@RequestScoped
@Tag(name = "OpenAI-compatible")
// the key is checked by GatewayAuthentication, which lets only valid keys through to /v1
@PermitAll
public class ModelsResource {

  @Inject Integrations integrations;
  @Context HttpServletRequest request;

  /** OpenAI's model object. */
  public record Model(String id, String object, long created, String owned_by) {}

  /** OpenAI's list envelope. */
  public record ModelList(String object, List<Model> data) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "List the models this API key can use")
  @APIResponse(
      responseCode = "200",
      description = "OpenAI's list; Anthropic's page when anthropic-version is sent",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ModelList.class)))
  public Response list(
      @HeaderParam(GatewayAuthentication.ANTHROPIC_VERSION) String anthropicVersion) {
    ModelList list = models();
    if (anthropicVersion == null) {
      return Response.ok(list, MediaType.APPLICATION_JSON).build();
    }
    List<AnthropicModels.Entry> entries =
        list.data().stream()
            .map(m -> new AnthropicModels.Entry(m.id(), Instant.ofEpochSecond(m.created())))
            .toList();
    return Response.ok(AnthropicModels.page(entries), MediaType.APPLICATION_JSON).build();
  }

  private ModelList models() {
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    List<Model> models =
        integrations.enabledModels(caller.workspace()).stream()
            .map(
                m ->
                    new Model(
                        m.providerId() + "/" + m.modelId(),
                        "model",
                        m.created().getEpochSecond(),
                        m.providerId()))
            .toList();
    return new ModelList("list", models);
  }
}
