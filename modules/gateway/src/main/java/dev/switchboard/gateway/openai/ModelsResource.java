package dev.switchboard.gateway.openai;

import dev.switchboard.gateway.security.GatewayAuthentication;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/models}: the models the key's workspace can use, as {@code provider/model}. */
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
  public ModelList list() {
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
