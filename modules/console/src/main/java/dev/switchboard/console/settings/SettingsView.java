package dev.switchboard.console.settings;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.secrets.SecretRotation;
import dev.switchboard.platform.audit.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * Settings an admin can act on today: master-key rotation (what {@code /api/v1/secrets/rotation}
 * offers), next to the server status.
 */
@Named
@RequestScoped
public class SettingsView {

  @Inject SecretRotation rotation;
  @Inject AuditTrail audit;
  @Inject ConsoleCaller callers;

  private SecretRotation.Status status;

  public SecretRotation.Status getRotation() {
    if (status == null) {
      status = rotation.status();
    }
    return status;
  }

  /** Starts rewrapping every sealed value onto the active key version, audited as the API does. */
  public void startRotation() {
    SecretRotation.Run run = rotation.start();
    audit.record(
        callers.caller().username(),
        "secrets.rotation-started",
        "master-key",
        rotation.status().activeVersion(),
        null,
        Map.of("startedAt", run.startedAt().toString()));
    status = null;
    Messages.info(
        run.running()
            ? "Rotation started: sealed values are being rewrapped"
            : "Rotation finished");
  }
}
