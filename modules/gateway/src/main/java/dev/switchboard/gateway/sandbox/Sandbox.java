package dev.switchboard.gateway.sandbox;

import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.apikeys.ApiKeys;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.platform.database.MigrationReport;
import dev.switchboard.routing.features.DefaultsDraft;
import dev.switchboard.routing.features.Features;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in sandbox on the embedded default: the simulator, started inside this server on a
 * loopback port, as the integration "Sandbox (simulated)" of the {@code default} workspace, with a
 * gateway key ({@code SWITCHBOARD_SANDBOX_KEY}, or generated and printed once) and, unless the
 * organization has one, the organization's default model. So the README's run command answers a
 * {@code curl} at once. Every reply is simulated and labelled so. Off when {@code
 * switchboard.sandbox.enabled=false}, and always off on PostgreSQL.
 */
@ApplicationScoped
public class Sandbox {

  /** The workspace the sandbox lives in. */
  public static final String WORKSPACE = "default";

  static final List<String> MODELS = List.of("gpt-4o-mini", "text-embedding-3-small");
  private static final Logger LOG = System.getLogger(Sandbox.class.getName());

  @Inject Integrations integrations;
  @Inject ApiKeys keys;
  @Inject Features features;

  @Inject
  @ConfigProperty(name = "switchboard.sandbox.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "switchboard.sandbox.key")
  Optional<String> configuredKey;

  private Simulator simulator;

  /** Starts the sandbox, when it applies, once the schema is migrated. */
  void onMigrated(@Observes MigrationReport report) {
    start(report.kind());
  }

  /** Starts the sandbox when it applies. */
  public synchronized void start(DatabaseKind database) {
    if (!enabled || database != DatabaseKind.DERBY || simulator != null) {
      if (database != DatabaseKind.DERBY && enabled) {
        LOG.log(Level.INFO, "Sandbox off: it runs only on the embedded database.");
      }
      return;
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String simulatorKey = "sim-" + HexFormat.of().formatHex(secret);
    simulator =
        Simulator.start(SimulatorOptions.defaults().withApiKey(simulatorKey).withTokenDelayMs(20));
    integrations.ensureSandbox(WORKSPACE, simulator.baseUrl() + "/openai/v1", simulatorKey, MODELS);
    if (features.defaults(Features.ORGANIZATION).map(d -> d.modelId() == null).orElse(true)) {
      features.setDefaults(
          Integrations.SYSTEM,
          Features.ORGANIZATION,
          new DefaultsDraft(Integrations.SANDBOX, MODELS.get(0), null, null));
    }
    String key = configuredKey.filter(k -> !k.isBlank()).orElse(null);
    if (key != null) {
      keys.ensure(Integrations.SYSTEM, WORKSPACE, "sandbox", key);
      LOG.log(
          Level.INFO,
          "Sandbox (simulated) ready on the embedded database: model sandbox/gpt-4o-mini, key from"
              + " SWITCHBOARD_SANDBOX_KEY.");
    } else if (keys.list(WORKSPACE).stream().noneMatch(k -> "sandbox".equals(k.name()))) {
      String generated = ApiKeys.generate();
      keys.ensure(Integrations.SYSTEM, WORKSPACE, "sandbox", generated);
      LOG.log(
          Level.WARNING,
          "Sandbox (simulated) ready: model sandbox/gpt-4o-mini. Generated sandbox key (shown once):"
              + " {0}",
          generated);
    } else {
      LOG.log(
          Level.INFO,
          "Sandbox (simulated) ready: model sandbox/gpt-4o-mini, with the sandbox key generated at"
              + " the first start (set SWITCHBOARD_SANDBOX_KEY to choose one).");
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}
