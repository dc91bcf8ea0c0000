package dev.switchboard.gateway.admin;

import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.ConnectionTests;
import dev.switchboard.integrations.CustomLlmDraft;
import dev.switchboard.integrations.CustomLlmView;
import dev.switchboard.integrations.CustomLlms;
import dev.switchboard.integrations.IntegrationDraft;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.ModelDraft;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Integrations: users manage their own, admins all. Owner and workspace come from the caller, never
 * from the body; credentials are accepted but only ever returned masked.
 */
@Path("api/v1/integrations")
@RequestScoped
@Tag(name = "Integrations")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

  @Inject Integrations integrations;
  @Inject ConnectionTests tests;
  @Inject CustomLlms customLlms;
  @Inject CallerFactory callers;
  @Context UriInfo uri;

  /** The body of a connection test. */
  public record TestRequest(String model, Map<String, String> samples, Boolean saveSamples) {}

  /** The body of a model change. */
  public record ModelChange(Boolean enabled) {}

  @GET
  @Operation(summary = "The integrations the caller may see")
  public List<IntegrationView> list() {
    return integrations.list(callers.caller());
  }

  @POST
  @Operation(summary = "Create an integration; its status is untested until a test runs")
  public Response create(IntegrationDraft draft) {
    IntegrationView created = integrations.create(callers.caller(), required(draft));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public IntegrationView get(@PathParam("id") String id) {
    return integrations.get(callers.caller(), id);
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change an integration; a new base URL or resource needs the API key again")
  public IntegrationView update(@PathParam("id") String id, IntegrationDraft draft) {
    return integrations.update(callers.caller(), id, required(draft));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete an integration with its credentials, models and test history")
  public Response delete(@PathParam("id") String id, @QueryParam("confirm") boolean confirm) {
    confirmed(confirm, "deleting removes its credentials, models, test history and routes");
    integrations.delete(callers.caller(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/reset")
  @Operation(summary = "Remove credentials, address, models and test history; keep the integration")
  public IntegrationView reset(@PathParam("id") String id, @QueryParam("confirm") boolean confirm) {
    confirmed(
        confirm, "resetting removes its credentials, address, models, test history and routes");
    return integrations.reset(callers.caller(), id);
  }

  @POST
  @Path("{id}/models")
  @Operation(summary = "Add a model the catalog may not know yet")
  public IntegrationView addModel(@PathParam("id") String id, ModelDraft model) {
    if (model == null) {
      throw new InvalidRequestException("modelId", "a JSON body with modelId is required");
    }
    return integrations.addModel(callers.caller(), id, model);
  }

  @PATCH
  @Path("{id}/models/{modelId}")
  @Operation(summary = "Enable or disable a model")
  public IntegrationView changeModel(
      @PathParam("id") String id, @PathParam("modelId") String modelId, ModelChange change) {
    if (change == null || change.enabled() == null) {
      throw new InvalidRequestException("enabled", "enabled (true or false) is required");
    }
    return integrations.setModelEnabled(callers.caller(), id, modelId, change.enabled());
  }

  @POST
  @Path("{id}/test")
  @Operation(summary = "Test the connection, optionally with sample values for its variables")
  public ConnectionTestView test(@PathParam("id") String id, TestRequest request) {
    TestRequest r = request == null ? new TestRequest(null, Map.of(), false) : request;
    return tests.test(
        callers.caller(), id, r.model(), r.samples(), Boolean.TRUE.equals(r.saveSamples()));
  }

  @GET
  @Path("{id}/tests")
  @Operation(summary = "The connection test history, newest first")
  public List<ConnectionTestView> history(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit", "limit must be between 1 and 500");
    }
    return integrations.history(callers.caller(), id, limit);
  }

  /** The body attaching an auth profile; {@code null} or empty detaches it. */
  public record AuthProfileChoice(String authProfileId) {}

  @GET
  @Path("{id}/custom-llm")
  @Operation(summary = "A custom LLM (byo) integration's request template, mapping and streaming")
  public CustomLlmView customLlm(@PathParam("id") String id) {
    return customLlms.get(callers.caller(), id);
  }

  @PUT
  @Path("{id}/custom-llm")
  @Operation(
      summary =
          "Set a custom LLM (byo) integration's request template, response mapping, streaming and"
              + " test payload")
  public CustomLlmView setCustomLlm(@PathParam("id") String id, CustomLlmDraft draft) {
    if (draft == null) {
      throw new InvalidRequestException(
          "requestTemplate", "a JSON body with requestTemplate and response is required");
    }
    return customLlms.set(callers.caller(), id, draft);
  }

  @PUT
  @Path("{id}/auth-profile")
  @Operation(
      summary =
          "Attach an auth profile to a custom LLM or admin-added OpenAI-compatible integration"
              + " (null detaches it)")
  public IntegrationView setAuthProfile(@PathParam("id") String id, AuthProfileChoice choice) {
    return integrations.setAuthProfile(
        callers.caller(), id, choice == null ? null : choice.authProfileId());
  }

  private static IntegrationDraft required(IntegrationDraft draft) {
    if (draft == null) {
      throw new InvalidRequestException(
          "name", "a JSON body describing the integration is required");
    }
    return draft;
  }

  private static void confirmed(boolean confirm, String what) {
    if (!confirm) {
      throw new InvalidRequestException("confirm", "confirm=true is required: " + what);
    }
  }
}
