package dev.switchboard.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless threads are deadlocked: the one state a restart cures and waiting does not. */
@Liveness
@ApplicationScoped
public class DeadlockLivenessCheck implements HealthCheck {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = threads.findDeadlockedThreads();
    int count = deadlocked == null ? 0 : deadlocked.length;
    return HealthCheckResponse.named("threads")
        .status(count == 0)
        .withData("deadlocked", count)
        .build();
  }
}
