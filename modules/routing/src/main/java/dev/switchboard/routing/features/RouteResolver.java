package dev.switchboard.routing.features;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.integrations.RuntimeDeployment;
import dev.switchboard.integrations.RuntimeDeployments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a call's {@code model} and workspace into a route. The order, first match wins:
 *
 * <ol>
 *   <li>{@code provider/model}: every enabled deployment of that model in the workspace;
 *   <li>a feature name: the feature's route for the workspace, else its route for the organization,
 *       else the workspace's default model, else the organization's;
 *   <li>a deployment alias (a model's deployment id) in the workspace;
 *   <li>{@code default}: the workspace's default model, else the organization's.
 * </ol>
 *
 * Temperature and max tokens the caller leaves unset come from the workspace's defaults, else the
 * organization's. {@link #resolve} names the level that decided, for "explain".
 */
@ApplicationScoped
public class RouteResolver {

  /** The model name that asks for the default model. */
  public static final String DEFAULT_MODEL = "default";

  @Inject Features features;
  @Inject RuntimeDeployments deployments;

  /**
   * The route for a call.
   *
   * @throws ProviderException {@code MODEL_NOT_FOUND} when nothing matches or nothing is available
   */
  public ResolvedRoute resolve(String model, String workspace) {
    if (model == null || model.isBlank()) {
      throw notFound(model, "the model is required");
    }
    RoutingSnapshot s = features.snapshot();
    DefaultsView wsDefaults = s.defaults().get(workspace);
    DefaultsView orgDefaults = s.defaults().get(Features.ORGANIZATION);
    Params params = Params.of(wsDefaults, orgDefaults);

    int slash = model.indexOf('/');
    if (slash > 0 && slash < model.length() - 1) {
      List<RuntimeDeployment> found =
          deployments.forModel(workspace, model.substring(0, slash), model.substring(slash + 1));
      if (found.isEmpty()) {
        throw notFound(model, "no enabled integration in this workspace offers it");
      }
      return plain(model, null, Decision.PROVIDER_MODEL, found, PromptTemplate.none(), params);
    }
    FeatureView feature = s.features().get(model);
    if (feature != null) {
      PromptTemplate template = PromptTemplate.of(feature.systemPrompt(), feature.userTemplate());
      for (Decision level :
          new Decision[] {Decision.WORKSPACE_ROUTE, Decision.ORGANIZATION_ROUTE}) {
        List<RouteStep> route =
            s.route(model, level == Decision.WORKSPACE_ROUTE ? workspace : Features.ORGANIZATION);
        if (!route.isEmpty()) {
          return fromSteps(model, feature, level, route, template, params);
        }
      }
      return fromDefaults(model, feature, template, wsDefaults, orgDefaults, workspace, params);
    }
    if (!DEFAULT_MODEL.equals(model)) {
      List<RuntimeDeployment> aliased = deployments.forAlias(workspace, model);
      if (!aliased.isEmpty()) {
        return plain(
            model, null, Decision.DEPLOYMENT_ALIAS, aliased, PromptTemplate.none(), params);
      }
      throw notFound(
          model,
          "it is neither a feature, a deployment alias in this workspace, nor provider/model (e.g."
              + " openai/gpt-4o-mini)");
    }
    return fromDefaults(
        model, null, PromptTemplate.none(), wsDefaults, orgDefaults, workspace, params);
  }

  private ResolvedRoute fromSteps(
      String model,
      FeatureView feature,
      Decision level,
      List<RouteStep> route,
      PromptTemplate template,
      Params params) {
    List<ResolvedRoute.Step> steps = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (RouteStep r : route) {
      Optional<RuntimeDeployment> d =
          deployments.forIntegrationModel(r.integrationId(), r.modelId());
      if (d.isPresent()) {
        steps.add(
            new ResolvedRoute.Step(d.get(), r.position(), r.weight() == null ? 1 : r.weight()));
      } else {
        unavailable.add(r.integrationId() + "/" + r.modelId());
      }
    }
    if (steps.isEmpty()) {
      throw ProviderException.builder(
              ErrorCategory.UNAVAILABLE,
              "Every deployment of feature '"
                  + model
                  + "' is disabled or in error; an admin must fix its route.")
          .providerCode("no_available_deployment")
          .build();
    }
    return build(model, feature, level, steps, unavailable, template, params);
  }

  private ResolvedRoute fromDefaults(
      String model,
      FeatureView feature,
      PromptTemplate template,
      DefaultsView ws,
      DefaultsView org,
      String workspace,
      Params params) {
    DefaultsView chosen = ws != null && ws.modelId() != null ? ws : org;
    if (chosen == null || chosen.modelId() == null) {
      throw notFound(
          model,
          feature == null
              ? "no default model is set for this workspace or the organization"
              : "the feature has no route and no default model is set for this workspace or the"
                  + " organization");
    }
    Decision level = chosen == ws ? Decision.WORKSPACE_DEFAULT : Decision.ORGANIZATION_DEFAULT;
    List<RuntimeDeployment> found =
        deployments.forModel(workspace, chosen.providerId(), chosen.modelId());
    if (found.isEmpty()) {
      throw notFound(
          model,
          "the default model "
              + chosen.providerId()
              + "/"
              + chosen.modelId()
              + " has no enabled integration in this workspace");
    }
    return plain(model, feature, level, found, template, params);
  }

  private ResolvedRoute plain(
      String model,
      FeatureView featureOrNull,
      Decision level,
      List<RuntimeDeployment> found,
      PromptTemplate template,
      Params params) {
    List<ResolvedRoute.Step> steps =
        found.stream().map(d -> new ResolvedRoute.Step(d, 0, 1)).toList();
    return build(model, featureOrNull, level, steps, List.of(), template, params);
  }

  private static ResolvedRoute build(
      String model,
      FeatureView feature,
      Decision level,
      List<ResolvedRoute.Step> steps,
      List<String> unavailable,
      PromptTemplate template,
      Params p) {
    return new ResolvedRoute(
        model,
        feature == null ? null : feature.name(),
        level,
        steps,
        unavailable,
        template,
        p.temperature(),
        p.temperatureFrom(),
        p.maxTokens(),
        p.maxTokensFrom(),
        feature == null ? 0 : feature.cacheTtlSeconds(),
        feature == null ? 0 : feature.cacheMaxEntries());
  }

  private static ProviderException notFound(String model, String why) {
    return ProviderException.builder(
            ErrorCategory.MODEL_NOT_FOUND, "The model '" + model + "' does not exist: " + why + ".")
        .providerCode("model_not_found")
        .build();
  }

  /** Default parameters and the level each came from. */
  record Params(
      Double temperature, String temperatureFrom, Integer maxTokens, String maxTokensFrom) {
    static Params of(DefaultsView ws, DefaultsView org) {
      Double t = null;
      String tFrom = null;
      Integer m = null;
      String mFrom = null;
      if (ws != null && ws.temperature() != null) {
        t = ws.temperature();
        tFrom = "workspace";
      } else if (org != null && org.temperature() != null) {
        t = org.temperature();
        tFrom = "organization";
      }
      if (ws != null && ws.maxTokens() != null) {
        m = ws.maxTokens();
        mFrom = "workspace";
      } else if (org != null && org.maxTokens() != null) {
        m = org.maxTokens();
        mFrom = "organization";
      }
      return new Params(t, tFrom, m, mFrom);
    }
  }
}
