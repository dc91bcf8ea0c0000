package dev.switchboard.usage;

import dev.switchboard.core.router.CallRecord;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.Catalog;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.platform.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's usage engine as a CDI bean: it observes every {@link CallRecord} the router fires
 * (synchronously, on the caller's thread: the record is on disk before the reply goes out) and is
 * started and driven by the gateway's timer bean, which supplies managed threads.
 */
@ApplicationScoped
public class UsageModule {

  private static final Logger LOG = System.getLogger(UsageModule.class.getName());
  static final Caller SYSTEM = new Caller("system", true, null);

  @Inject Database database;
  @Inject Integrations integrations;
  @Inject Catalog catalog;

  @Inject
  @ConfigProperty(name = "switchboard.usage.journal-dir", defaultValue = "usage-journal")
  String journalDir;

  @Inject
  @ConfigProperty(name = "switchboard.usage.journal-fsync", defaultValue = "true")
  boolean fsync;

  @Inject
  @ConfigProperty(name = "switchboard.usage.journal-wait-millis", defaultValue = "1000")
  long journalWaitMillis;

  @Inject
  @ConfigProperty(name = "switchboard.usage.flush-interval-millis", defaultValue = "500")
  long flushIntervalMillis;

  @Inject
  @ConfigProperty(name = "switchboard.usage.batch-size", defaultValue = "1000")
  int batchSize;

  @Inject
  @ConfigProperty(name = "switchboard.usage.admission-refresh-seconds", defaultValue = "5")
  long admissionRefreshSeconds;

  @Inject
  @ConfigProperty(name = "switchboard.server-id")
  java.util.Optional<String> serverId;

  @Inject
  @ConfigProperty(name = "switchboard.console.url", defaultValue = "http://localhost:9080/console")
  String consoleUrl;

  @Inject
  @ConfigProperty(name = "switchboard.mail.host")
  java.util.Optional<String> mailHost;

  @Inject
  @ConfigProperty(name = "switchboard.mail.port", defaultValue = "25")
  int mailPort;

  @Inject
  @ConfigProperty(name = "switchboard.mail.from", defaultValue = "switchboard@localhost")
  String mailFrom;

  @Inject
  @ConfigProperty(name = "switchboard.mail.username")
  java.util.Optional<String> mailUser;

  @Inject
  @ConfigProperty(name = "switchboard.mail.password")
  java.util.Optional<String> mailPassword;

  @Inject
  @ConfigProperty(name = "switchboard.mail.starttls", defaultValue = "false")
  boolean mailStartTls;

  @Inject
  @ConfigProperty(name = "switchboard.mail.timeout-millis", defaultValue = "10000")
  int mailTimeout;

  @Inject
  @ConfigProperty(name = "switchboard.mail.max-attempts", defaultValue = "8")
  int mailMaxAttempts;

  private volatile UsageEngine engine;

  /** The engine, built on first use (the datasource is looked up then). */
  public UsageEngine engine() {
    UsageEngine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          e = build();
          engine = e;
        }
      }
    }
    return e;
  }

  private UsageEngine build() {
    UsageSettings s =
        new UsageSettings(
            Path.of(journalDir).toAbsolutePath(),
            fsync,
            Duration.ofMillis(journalWaitMillis),
            Duration.ofMillis(flushIntervalMillis),
            batchSize,
            Duration.ofSeconds(admissionRefreshSeconds),
            serverId
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .orElseGet(UsageModule::defaultServerId),
            consoleUrl.replaceAll("/+$", ""),
            new MailSettings(
                mailHost.map(String::trim).orElse(null),
                mailPort,
                mailFrom,
                mailUser.map(UsageModule::blankToNull).orElse(null),
                mailPassword.map(UsageModule::blankToNull).orElse(null),
                mailStartTls,
                mailTimeout),
            mailMaxAttempts);
    LOG.log(Level.INFO, "Usage journal at {0}; mail {1}", s.journalDir(), s.mail());
    return new UsageEngine(
        s,
        database.dataSource(),
        database.kind(),
        Clock.systemUTC(),
        this::integrationName,
        catalog.catalog());
  }

  /** Starts the journal flusher and the ledger writer on the given (managed) threads. */
  public void start(ThreadFactory threads) {
    engine().start(threads);
  }

  public void stop() {
    UsageEngine e = engine;
    if (e != null) {
      try {
        e.close();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "Closing the usage journal: " + ex.getMessage());
      }
    }
  }

  /** Every routed call: into the journal before the router returns. */
  void onCall(@Observes CallRecord record) {
    try {
      engine().record(record);
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR, "Usage record " + record.requestId() + " not journaled: " + e.getMessage());
    }
  }

  private String integrationName(String id) {
    try {
      return integrations.get(SYSTEM, id).name();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String defaultServerId() {
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
    } catch (IOException e) {
      return "pid-" + ProcessHandle.current().pid();
    }
  }
}
