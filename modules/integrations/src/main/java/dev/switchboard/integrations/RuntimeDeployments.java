package dev.switchboard.integrations;

import dev.switchboard.platform.config.ConfigVersion;
import dev.switchboard.providers.Endpoint;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deployments a runtime call may use: for {@code provider/model} in a workspace, every enabled
 * model with that id on an integration of that provider which is not in error, equivalent to each
 * other (the router balances and falls back among them).
 *
 * <p>This is the data plane's view of integrations: a snapshot compiled once per configuration
 * version ({@link ConfigVersion#epoch()}) into lookup maps, each deployment with its endpoint
 * <em>opened</em> on first use (secret decrypted, variables resolved) and kept in memory until the
 * next version. A call reads only the snapshot: no JPA, no JDBC, no transaction. A change on this
 * server or any other moves the epoch (within the poll interval for another server's change), and
 * the snapshot is rebuilt on the poller's thread, or by the first call that finds it stale.
 */
@ApplicationScoped
public class RuntimeDeployments {

  @Inject IntegrationStore store;
  @Inject ConnectionTests endpoints;
  @Inject Catalog catalog;
  @Inject ConfigVersion version;

  /** Deployments by lookup key, built at one epoch; immutable once published. */
  private record Snapshot(
      long epoch,
      Map<String, List<RuntimeDeployment>> byModel,
      Map<String, RuntimeDeployment> byIntegrationModel,
      Map<String, List<RuntimeDeployment>> byAlias) {}

  private volatile Snapshot snapshot;

  @PostConstruct
  void watch() {
    version.onChange(this::rebuild);
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s == null || s.epoch() != ConfigVersion.epoch()) {
      s = rebuild();
    }
    return s;
  }

  /** Compiles a new snapshot from the database (the control plane) and publishes it. */
  Snapshot rebuild() {
    long epoch = ConfigVersion.epoch();
    Map<String, List<IntegrationModel>> models = new HashMap<>();
    for (IntegrationModel m : store.allModels()) {
      models.computeIfAbsent(m.integrationId, k -> new ArrayList<>()).add(m);
    }
    Map<String, List<RuntimeDeployment>> byModel = new HashMap<>();
    Map<String, RuntimeDeployment> byIntegrationModel = new HashMap<>();
    Map<String, List<RuntimeDeployment>> byAlias = new HashMap<>();
    for (Integration i : store.list(null)) {
      if (i.status == IntegrationStatus.ERROR) {
        continue;
      }
      for (IntegrationModel m : models.getOrDefault(i.id, List.of())) {
        if (!m.enabled) {
          continue;
        }
        RuntimeDeployment d = deployment(i, m);
        byModel
            .computeIfAbsent(key(i.workspace, i.providerId, m.modelId), k -> new ArrayList<>())
            .add(d);
        byIntegrationModel.putIfAbsent(key(i.id, m.modelId), d);
        if (m.deploymentId != null) {
          byAlias.computeIfAbsent(key(i.workspace, m.deploymentId), k -> new ArrayList<>()).add(d);
        }
      }
    }
    Snapshot s =
        new Snapshot(epoch, frozen(byModel), Map.copyOf(byIntegrationModel), frozen(byAlias));
    synchronized (this) {
      Snapshot current = snapshot;
      if (current == null || current.epoch() <= epoch) {
        snapshot = s;
      }
    }
    return s;
  }

  public List<RuntimeDeployment> forModel(String workspace, String providerId, String modelId) {
    return snapshot().byModel().getOrDefault(key(workspace, providerId, modelId), List.of());
  }

  /**
   * One model of one integration, for a feature's route: empty when the integration is gone or in
   * error, or the model is missing or disabled.
   */
  public Optional<RuntimeDeployment> forIntegrationModel(String integrationId, String modelId) {
    return Optional.ofNullable(snapshot().byIntegrationModel().get(key(integrationId, modelId)));
  }

  /**
   * The enabled models whose deployment id (an alias such as an Azure deployment name) is {@code
   * alias}, on the workspace's integrations that are not in error.
   */
  public List<RuntimeDeployment> forAlias(String workspace, String alias) {
    return snapshot().byAlias().getOrDefault(key(workspace, alias), List.of());
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
        new OpenedEndpoint(() -> endpoints.runtimeEndpoint(i, m)),
        i.maxRetries,
        window,
        i.rateLimitRpm);
  }

  private static String key(String... parts) {
    return String.join("\u0000", parts);
  }

  private static Map<String, List<RuntimeDeployment>> frozen(
      Map<String, List<RuntimeDeployment>> m) {
    Map<String, List<RuntimeDeployment>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  /**
   * A deployment's endpoint, opened (secret decrypted, variables resolved) on first use and kept
   * for the life of the snapshot; a failure to open is not kept, so the next call tries again.
   */
  static final class OpenedEndpoint implements Supplier<Endpoint> {
    private final Supplier<Endpoint> opener;
    private volatile Endpoint opened;

    OpenedEndpoint(Supplier<Endpoint> opener) {
      this.opener = opener;
    }

    @Override
    public Endpoint get() {
      Endpoint e = opened;
      if (e == null) {
        e = opener.get();
        opened = e;
      }
      return e;
    }
  }
}
