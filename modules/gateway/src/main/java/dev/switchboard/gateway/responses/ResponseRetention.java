package dev.switchboard.gateway.responses;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes stored responses older than {@code switchboard.gateway.responses.retention-seconds} (30
 * days by default, as OpenAI keeps them), every {@code
 * switchboard.gateway.responses.purge-interval-seconds}. Every server runs it (a non-persistent
 * timer, as the usage timers): a delete by age is idempotent, so several servers on one database do
 * no harm. Bean-managed transactions: the store commits its own JDBC work.
 */
@Singleton
@Startup
@DependsOn("StartupMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ResponseRetention {

  private static final Logger LOG = System.getLogger(ResponseRetention.class.getName());

  @Inject StoredResponses stored;
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(
      name = "switchboard.gateway.responses.retention-seconds",
      defaultValue = "2592000")
  long retentionSeconds;

  @Inject
  @ConfigProperty(
      name = "switchboard.gateway.responses.purge-interval-seconds",
      defaultValue = "600")
  long intervalSeconds;

  @PostConstruct
  void start() {
    if (retentionSeconds < 1 || intervalSeconds < 1) {
      throw new IllegalStateException(
          "switchboard.gateway.responses.retention-seconds and .purge-interval-seconds must be"
              + " at least 1");
    }
    long interval = Duration.ofSeconds(intervalSeconds).toMillis();
    timers.createIntervalTimer(interval, interval, new TimerConfig("responses-retention", false));
  }

  @Timeout
  void purge() {
    try {
      int deleted = stored.purgeBefore(Instant.now().minusSeconds(retentionSeconds));
      if (deleted > 0) {
        LOG.log(Level.INFO, "Deleted {0} stored response part(s) past their retention.", deleted);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Stored responses could not be purged: " + e.getMessage());
    }
  }
}
