package dev.switchboard.integrations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

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

  public List<RuntimeDeployment> forModel(String workspace, String providerId, String modelId) {
    return store.list(null).stream()
        .filter(i -> i.workspace.equals(workspace) && i.providerId.equals(providerId))
        .filter(i -> i.status != IntegrationStatus.ERROR)
        .flatMap(
            i ->
                store.model(i.id, modelId).filter(m -> m.enabled).stream()
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
        window);
  }
}
