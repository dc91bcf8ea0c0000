package dev.switchboard.gateway.usage;

import dev.switchboard.usage.ScheduledConnectionTests;
import dev.switchboard.usage.UsageModule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The usage timers of this server. Every server runs them (they are not persistent: a persistent
 * timer belongs to the server that created it and would stop when that server does); the database
 * decides each event, so several servers on one database still make one reset, one alert and one
 * mail per event, and one connection-test run per interval.
 *
 * <ul>
 *   <li>at start: the journal's flusher and the ledger writer, on managed threads;
 *   <li>every minute: cycle resets and threshold evaluation, then due mail (and its retries);
 *   <li>every 10 minutes: the scheduled connection tests, run by the first server to claim the
 *       current interval (24 hours by default).
 * </ul>
 *
 * <p>Bean-managed transactions: the usage classes commit their own JDBC work.
 */
@Singleton
@Startup
@DependsOn("StartupMigration")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class UsageTimers {

  private static final Logger LOG = System.getLogger(UsageTimers.class.getName());
  private static final Duration CONNECTION_TEST_CHECK = Duration.ofMinutes(10);

  @Inject UsageModule usage;
  @Inject ScheduledConnectionTests connectionTests;
  @Resource ManagedThreadFactory threads;
  @Resource TimerService timers;

  @Inject org.eclipse.microprofile.metrics.MetricRegistry metrics;

  @PostConstruct
  void start() {
    usage.start(threads);
    registerMetrics();
    if (connectionTests.enabled()) {
      timers.createIntervalTimer(
          Duration.ofMinutes(1).toMillis(),
          CONNECTION_TEST_CHECK.toMillis(),
          new TimerConfig("connection-tests", false));
    }
  }

  /**
   * What the usage engine could not do, counted since start: records the journal refused (calls
   * with no ledger row), damaged journal records, failed limit evaluations.
   */
  private void registerMetrics() {
    UsageModule u = usage;
    metrics.gauge("switchboard_usage_unrecorded_records", u, m -> m.engine().journalFailures());
    metrics.gauge(
        "switchboard_usage_journal_corrupt_records", u, m -> m.engine().journalCorruptRecords());
    metrics.gauge(
        "switchboard_usage_limit_evaluation_failures", u, m -> m.engine().limitFailures());
  }

  @PreDestroy
  void stop() {
    usage.stop();
  }

  @Schedule(second = "0", minute = "*", hour = "*", persistent = false, info = "usage-limits")
  void everyMinute() {
    try {
      usage.engine().evaluate(null);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Usage limit evaluation failed: " + e.getMessage());
    }
    try {
      usage.engine().dispatchMail();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Mail dispatch failed: " + e.getMessage());
    }
  }

  @Timeout
  void connectionTests() {
    try {
      connectionTests.runIfDue();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Scheduled connection tests failed: " + e.getMessage());
    }
  }
}
