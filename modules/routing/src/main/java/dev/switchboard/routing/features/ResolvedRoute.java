package dev.switchboard.routing.features;

import dev.switchboard.integrations.RuntimeDeployment;
import java.util.List;

/**
 * A call's route as the configuration decides it, before any deployment is tried.
 *
 * @param requested the {@code model} the caller named
 * @param feature the feature, or null when the call named no feature
 * @param decidedBy the level that decided the deployments
 * @param steps the deployments, in fallback order (equal positions are balanced); only available
 *     ones (enabled, integration not in error)
 * @param unavailable assigned deployments left out, as {@code integrationId/modelId}
 * @param template the feature's prompt template, or none
 * @param temperature the default temperature for calls that set none, or null
 * @param temperatureFrom the level that set it: {@code workspace}, {@code organization} or null
 * @param maxTokens the default output cap for calls that set none, or null
 * @param maxTokensFrom the level that set it
 * @param cacheTtlSeconds the feature's response cache lifetime, 0 when off
 * @param cacheMaxEntries the feature's response cache bound
 */
public record ResolvedRoute(
    String requested,
    String feature,
    Decision decidedBy,
    List<Step> steps,
    List<String> unavailable,
    PromptTemplate template,
    Double temperature,
    String temperatureFrom,
    Integer maxTokens,
    String maxTokensFrom,
    int cacheTtlSeconds,
    int cacheMaxEntries) {

  /** One deployment of the route. */
  public record Step(RuntimeDeployment deployment, int position, int weight) {}

  public ResolvedRoute {
    steps = List.copyOf(steps);
    unavailable = List.copyOf(unavailable);
  }

  public boolean cached() {
    return cacheTtlSeconds > 0;
  }
}
