package dev.switchboard.integrations.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/**
 * Runs a rotation on the container's managed threads (MicroProfile Fault Tolerance's asynchronous
 * execution), so the admin's request returns at once and no global transaction wraps the rewrap
 * batches.
 */
@ApplicationScoped
public class RotationRunner {

  @Asynchronous
  public CompletionStage<Void> runToEnd(SecretRotation rotation, SecretRotation.Run run) {
    rotation.runToEnd(run);
    return CompletableFuture.completedFuture(null);
  }
}
