package dev.switchboard.integrations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployments a runtime call may use: for {@code provider/model} in a workspace, every enabled
 * model with that id on an integration of that provider which is not in error, equivalent to each
 * other (the router balances and falls back among them).
 */
@ApplicationScoped
public class RuntimeDeployments {

  @Inject IntegrationStore store;
  @Inject ConnectionTests endpoints;
  @Inject Catalog catalog;

  @Inject
  @ConfigProperty(name = "switchboard.routing.refresh-ms", defaultValue = "2000")
  long refreshMillis;

  /**
   * Integrations and their models as last read: reloaded when this server changed one ({@link
   * IntegrationChanges}) or when older than {@code switchboard.routing.refresh-ms} (a change on
   * another server). Entities here are detached and only read.
   */
  private record Snapshot(
      long generation,
      long loadedAtNanos,
      List<Integration> integrations,
      Map<String, List<IntegrationModel>> models) {}

  private volatile Snapshot snapshot;

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    long generation = IntegrationChanges.generation();
    if (s == null
        || s.generation() != generation
        || System.nanoTime() - s.loadedAtNanos() > refreshMillis * 1_000_000L) {
      Map<String, List<IntegrationModel>> models = new HashMap<>();
      for (IntegrationModel m : store.allModels()) {
        models.computeIfAbsent(m.integrationId, k -> new ArrayList<>()).add(m);
      }
      s = new Snapshot(generation, System.nanoTime(), List.copyOf(store.list(null)), models);
      snapshot = s;
    }
    return s;
  }

  private static Optional<IntegrationModel> model(
      Snapshot s, String integrationId, String modelId) {
    return s.models().getOrDefault(integrationId, List.of()).stream()
        .filter(m -> m.modelId.equals(modelId))
        .findFirst();
  }

  public List<RuntimeDeployment> forModel(String workspace, String providerId, String modelId) {
    Snapshot s = snapshot();
    return s.integrations().stream()
        .filter(i -> i.workspace.equals(workspace) && i.providerId.equals(providerId))
        .filter(i -> i.status != IntegrationStatus.ERROR)
        .flatMap(
            i -> model(s, i.id, modelId).filter(m -> m.enabled).stream().map(m -> deployment(i, m)))
        .toList();
  }

  /**
   * One model of one integration, for a feature's route: empty when the integration is gone or in
   * error, or the model is missing or disabled.
   */
  public Optional<RuntimeDeployment> forIntegrationModel(String integrationId, String modelId) {
    Snapshot s = snapshot();
    return s.integrations().stream()
        .filter(i -> i.id.equals(integrationId) && i.status != IntegrationStatus.ERROR)
        .findFirst()
        .flatMap(i -> model(s, i.id, modelId).filter(m -> m.enabled).map(m -> deployment(i, m)));
  }

  /**
   * The enabled models whose deployment id (an alias such as an Azure deployment name) is {@code
   * alias}, on the workspace's integrations that are not in error.
   */
  public List<RuntimeDeployment> forAlias(String workspace, String alias) {
    Snapshot s = snapshot();
    return s.integrations().stream()
        .filter(i -> i.workspace.equals(workspace))
        .filter(i -> i.status != IntegrationStatus.ERROR)
        .flatMap(
            i ->
                s.models().getOrDefault(i.id, List.of()).stream()
                    .filter(m -> m.enabled && alias.equals(m.deploymentId))
                    .map(m -> deployment(i, m)))
        .toList();
  }

  private RuntimeDeployment deployment(Integration i, IntegrationModel m) {
    Integer window =
        catalog
            .catalog()
            .find(i.providerId, m.modelId)
            .map(e -> e.model().contextWindow())
            .orElse(null);
    return new RuntimeDeployment(
        i.id,
        i.providerId,
        m.modelId,
        endpoints.adapter(i.providerId),
        () -> endpoints.runtimeEndpoint(i, m),
        i.maxRetries,
        window,
        i.rateLimitRpm);
  }
}
