package dev.switchboard.console.routing;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.routing.router.Router;
import dev.switchboard.routing.router.RoutingStats;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routing operations on this server (admins), as {@code /api/v1/routing/stats}, {@code /summary},
 * {@code /circuits/{id}/reset} and {@code DELETE /api/v1/features/{name}/cache} offer them: each
 * deployment's requests, failures, latency and circuit state; closing an open circuit; emptying a
 * feature's response cache.
 */
@Named
@ViewScoped
public class RoutingOpsView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One deployment's numbers, with its integration's name. */
  public record DeploymentRow(
      String integrationId,
      String integration,
      String model,
      long requests,
      long successes,
      long failures,
      long averageLatencyMs,
      String circuitState,
      Instant lastUsed) {

    /** PrimeFaces tag severity of the circuit: closed is fine, half-open a warning, open bad. */
    public String circuitSeverity() {
      return switch (circuitState) {
        case "CLOSED" -> "success";
        case "HALF_OPEN" -> "warning";
        default -> "danger";
      };
    }
  }

  @Inject Router router;
  @Inject Integrations integrations;
  @Inject ConsoleCaller callers;

  private List<DeploymentRow> deployments;
  private RoutingStats.Summary summary;

  @PostConstruct
  void load() {
    Map<String, String> names = new HashMap<>();
    for (IntegrationView i : integrations.list(callers.caller())) {
      names.put(i.id(), i.name());
    }
    deployments =
        router.deploymentStats().stream()
            .map(
                s ->
                    new DeploymentRow(
                        s.integrationId(),
                        names.getOrDefault(s.integrationId(), s.integrationId()),
                        s.model(),
                        s.requests(),
                        s.successes(),
                        s.failures(),
                        Math.round(s.averageLatencyMs()),
                        s.circuitState(),
                        s.lastUsed()))
            .toList();
    summary = router.summary();
  }

  public void refresh() {
    load();
  }

  public void resetCircuit(String integrationId, String integrationName) {
    router.resetCircuit(integrationId);
    Messages.info("Circuit of " + integrationName + " closed on this server");
    load();
  }

  public void clearCache(String feature) {
    int cleared = router.clearCache(feature);
    Messages.info(
        "Response cache of " + feature + " emptied on this server (" + cleared + " entries)");
  }

  public List<DeploymentRow> getDeployments() {
    return deployments;
  }

  public RoutingStats.Summary getSummary() {
    return summary;
  }

  /** A rate as a percentage with one decimal, e.g. "97.5 %". */
  public String percent(double rate) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
  }
}
