package dev.switchboard.gateway.startup;

import dev.switchboard.platform.config.ConfigVersion;
import dev.switchboard.platform.database.Database;
import dev.switchboard.platform.database.DatabaseMigrations;
import dev.switchboard.platform.database.MigrationFailedException;
import dev.switchboard.platform.database.MigrationReport;
import dev.switchboard.platform.security.AdminAccountBootstrap;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Migrates the schema when the application starts, before any web module serves a request, then
 * starts polling the configuration version ({@link ConfigVersion}) ({@code application.xml}
 * initializes modules in order and the gateway comes first). A failure throws, which stops the
 * application with the migration's own message.
 *
 * <p>Bean-managed transactions: Flyway commits each migration itself and must not run inside a
 * container transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupMigration {

  private static final Logger LOG = System.getLogger(StartupMigration.class.getName());

  @Inject Database database;
  @Inject AdminAccountBootstrap adminBootstrap;
  @Inject ConfigVersion configVersion;
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "switchboard.config.poll-ms", defaultValue = "250")
  long pollMillis;

  /** Tells what runs on the schema (e.g. the sandbox) that it is ready. */
  @Inject jakarta.enterprise.event.Event<MigrationReport> migrated;

  private volatile MigrationReport report;

  @PostConstruct
  void migrate() {
    try {
      report =
          new DatabaseMigrations(database.dataSource(), StartupMigration.class.getClassLoader())
              .migrate();
    } catch (MigrationFailedException e) {
      LOG.log(Level.ERROR, "Switchboard cannot start. " + e.getMessage());
      throw e;
    }
    LOG.log(
        Level.INFO,
        "Database {0} at schema version {1} (applied now: {2}{3})",
        report.kind().displayName(),
        report.schemaVersion(),
        report.applied().isEmpty() ? "none" : String.join(", ", report.applied()),
        report.baselinedTimerSchema() ? "; baselined beside Liberty's timer tables" : "");
    configVersion.start(database.dataSource(), threads, Duration.ofMillis(pollMillis));
    adminBootstrap.ensureAdminAccount(report.kind());
    migrated.fire(report);
  }

  @PreDestroy
  void stop() {
    configVersion.stop();
  }

  public MigrationReport report() {
    return report;
  }
}
