package dev.switchboard.gateway.admin;

import dev.switchboard.core.chat.Message;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.security.Roles;
import dev.switchboard.routing.features.DefaultsDraft;
import dev.switchboard.routing.features.DefaultsView;
import dev.switchboard.routing.features.FeatureDraft;
import dev.switchboard.routing.features.FeatureNotFoundException;
import dev.switchboard.routing.features.FeatureView;
import dev.switchboard.routing.features.Features;
import dev.switchboard.routing.features.PromptTemplate;
import dev.switchboard.routing.features.ResolvedRoute;
import dev.switchboard.routing.features.RouteStep;
import dev.switchboard.routing.router.Router;
import dev.switchboard.routing.router.RoutingStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Features and routing: features with their templates and caches, their routes at the organization
 * and workspace levels, the defaults, "explain", and the operations (statistics, circuit reset,
 * cache clearing). Admins change everything; users read, and explain for their own workspace.
 */
@Path("api/v1")
@RequestScoped
@Tag(name = "Features and routing")
@SecurityRequirement(name = "basic")
@RolesAllowed({Roles.ADMIN, Roles.USER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

  @Inject Features features;
  @Inject Router router;
  @Inject CallerFactory callers;

  /** A feature to create: its name and settings. */
  public record NewFeature(
      String name,
      String description,
      String systemPrompt,
      String userTemplate,
      Integer cacheTtlSeconds,
      Integer cacheMaxEntries) {}

  /** A template preview: sample messages ({@code role}, {@code content}) and content variables. */
  public record Preview(List<Map<String, String>> messages, Map<String, String> variables) {}

  @GET
  @Path("features")
  @Operation(summary = "Every feature, built-in ones included")
  public List<FeatureView> list() {
    return features.list();
  }

  @POST
  @Path("features")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Add a feature (a named use of a model) with an optional prompt template")
  public Response create(NewFeature f) {
    if (f == null) {
      throw new InvalidRequestException(null, "The request body is required.");
    }
    FeatureView v =
        features.create(
            callers.caller().username(),
            f.name(),
            new FeatureDraft(
                f.description(),
                f.systemPrompt(),
                f.userTemplate(),
                f.cacheTtlSeconds(),
                f.cacheMaxEntries()));
    return Response.status(Response.Status.CREATED).entity(v).build();
  }

  @GET
  @Path("features/{name}")
  @Operation(summary = "One feature")
  public FeatureView get(@PathParam("name") String name) {
    return features.find(name).orElseThrow(() -> new FeatureNotFoundException(name));
  }

  @PUT
  @Path("features/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Change a feature's description, template or cache")
  public FeatureView update(@PathParam("name") String name, FeatureDraft d) {
    return features.update(callers.caller().username(), name, d);
  }

  @DELETE
  @Path("features/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete a feature and its routes (built-in features cannot be deleted)")
  public Response delete(@PathParam("name") String name) {
    features.delete(callers.caller().username(), name);
    router.clearCache(name);
    return Response.noContent().build();
  }

  @GET
  @Path("features/{name}/route")
  @Operation(summary = "A feature's route at one level: no workspace for the organization")
  public List<RouteStep> route(
      @PathParam("name") String name, @QueryParam("workspace") String workspace) {
    return features.route(name, visibleWorkspace(workspace, true));
  }

  @PUT
  @Path("features/{name}/route")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Replace a feature's route at one level (fallback order by position; equal positions"
              + " balanced by weight); an empty list removes the level")
  public List<RouteStep> assign(
      @PathParam("name") String name,
      @QueryParam("workspace") String workspace,
      List<RouteStep> steps) {
    return features.assign(callers.caller().username(), name, workspace, steps);
  }

  @POST
  @Path("features/{name}/preview")
  @Operation(summary = "The messages a call would send, with the feature's template applied")
  public Map<String, Object> preview(@PathParam("name") String name, Preview p) {
    FeatureView f = get(name);
    List<Message> messages = new ArrayList<>();
    if (p != null && p.messages() != null) {
      for (Map<String, String> m : p.messages()) {
        String role = m == null ? null : m.get("role");
        String content = m == null ? "" : m.getOrDefault("content", "");
        messages.add(
            switch (role == null ? "" : role) {
              case "system" -> Message.system(content);
              case "assistant" -> Message.assistant(content);
              case "user" -> Message.user(content);
              default ->
                  throw new InvalidRequestException(
                      "messages", "Each message has a role: system, user or assistant.");
            });
      }
    }
    if (messages.isEmpty()) {
      messages.add(Message.user(""));
    }
    try {
      List<Message> out =
          PromptTemplate.of(f.systemPrompt(), f.userTemplate())
              .apply(messages, p == null ? Map.of() : p.variables());
      return Map.of(
          "messages",
          out.stream()
              .map(
                  m ->
                      Map.of(
                          "role",
                          m.role().name().toLowerCase(java.util.Locale.ROOT),
                          "content",
                          m.text()))
              .toList());
    } catch (ProviderException e) {
      throw new InvalidRequestException("variables", e.getMessage());
    }
  }

  @DELETE
  @Path("features/{name}/cache")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Empty a feature's response cache on this server")
  public Map<String, Object> clearCache(@PathParam("name") String name) {
    get(name);
    return Map.of("feature", name, "cleared", router.clearCache(name));
  }

  @GET
  @Path("routing/defaults")
  @Operation(summary = "The defaults of one level: no workspace for the organization")
  public Response defaults(@QueryParam("workspace") String workspace) {
    return features
        .defaults(visibleWorkspace(workspace, true))
        .map(d -> Response.ok(d).build())
        .orElseGet(
            () ->
                ApiError.response(
                    Response.Status.NOT_FOUND,
                    "not_found",
                    "No defaults are set at this level.",
                    null));
  }

  @PUT
  @Path("routing/defaults")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Set the default model and parameters of the organization or a workspace")
  public DefaultsView setDefaults(@QueryParam("workspace") String workspace, DefaultsDraft d) {
    return features.setDefaults(callers.caller().username(), workspace, d);
  }

  @DELETE
  @Path("routing/defaults")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a level's defaults, so the next level applies")
  public Response clearDefaults(@QueryParam("workspace") String workspace) {
    features.clearDefaults(callers.caller().username(), workspace);
    return Response.noContent().build();
  }

  @GET
  @Path("routing/explain")
  @Operation(
      summary =
          "Which level decides the route of a model name in a workspace, and the route it gives")
  public Response explain(
      @QueryParam("model") String model, @QueryParam("workspace") String workspace) {
    String ws = visibleWorkspace(workspace, false);
    ResolvedRoute r;
    try {
      r = router.explain(model, ws);
    } catch (ProviderException e) {
      return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage(), "model");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model);
    out.put("workspace", ws);
    out.put("feature", r.feature());
    out.put("decidedBy", r.decidedBy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    out.put(
        "steps",
        r.steps().stream()
            .map(
                s ->
                    Map.of(
                        "integrationId", s.deployment().integrationId(),
                        "providerId", s.deployment().providerId(),
                        "modelId", s.deployment().modelId(),
                        "position", s.position(),
                        "weight", s.weight()))
            .toList());
    out.put("unavailable", r.unavailable());
    out.put("contentVariables", r.template().contentVariables());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("temperature", r.temperature());
    params.put("temperatureFrom", r.temperatureFrom());
    params.put("maxTokens", r.maxTokens());
    params.put("maxTokensFrom", r.maxTokensFrom());
    out.put("defaults", params);
    out.put("cacheTtlSeconds", r.cacheTtlSeconds());
    out.put(
        "order",
        List.of(
            "provider/model",
            "feature: workspace route",
            "feature: organization route",
            "feature: workspace default",
            "feature: organization default",
            "deployment alias",
            "default: workspace, then organization"));
    return Response.ok(out).build();
  }

  @GET
  @Path("routing/stats")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "This server's per-deployment statistics: requests, successes, failures, average"
              + " latency, circuit state, last use")
  public List<RoutingStats.DeploymentStats> stats() {
    return router.deploymentStats();
  }

  @GET
  @Path("routing/summary")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "This server's summary: success rate, cache hit rate, tokens, retries, fallbacks")
  public RoutingStats.Summary summary() {
    return router.summary();
  }

  @POST
  @Path("routing/circuits/{integrationId}/reset")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Close an integration's circuit on this server")
  public Response resetCircuit(@PathParam("integrationId") String integrationId) {
    router.resetCircuit(integrationId);
    return Response.noContent().build();
  }

  /** Users see their own workspace only; admins any, or the organization level. */
  private String visibleWorkspace(String workspace, boolean organizationAllowed) {
    Caller c = callers.caller();
    if (c.admin()) {
      if (workspace == null || workspace.isBlank()) {
        return organizationAllowed ? Features.ORGANIZATION : c.workspace();
      }
      return workspace;
    }
    if (workspace == null || workspace.isBlank()) {
      return organizationAllowed ? Features.ORGANIZATION : c.workspace();
    }
    if (!workspace.equals(c.workspace()) && !Features.ORGANIZATION.equals(workspace)) {
      throw new InvalidRequestException("workspace", "You can only see your own workspace.");
    }
    return workspace;
  }

  /** 404 in the admin API's shape. */
  @Provider
  public static class NotFound implements ExceptionMapper<FeatureNotFoundException> {
    @Override
    public Response toResponse(FeatureNotFoundException e) {
      return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage(), null);
    }
  }
}
