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
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.eclipse.microprofile.config.Config;

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

  @Inject Config config;

  private volatile UsageEngine engine;

  private volatile Boolean refuseWhenUnrecorded;

  /**
   * Whether a call is refused (503) while this server cannot record its usage. Read once: every
   * call asks, and a configuration lookup per call showed in the request path's profile.
   */
  public boolean refuseWhenUnrecorded() {
    Boolean refuse = refuseWhenUnrecorded;
    if (refuse == null) {
      refuse = value("switchboard.usage.refuse-when-unrecorded", Boolean.class, false);
      refuseWhenUnrecorded = refuse;
    }
    return refuse;
  }

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
            Path.of(text("switchboard.usage.journal-dir").orElse("usage-journal")).toAbsolutePath(),
            value("switchboard.usage.journal-fsync", Boolean.class, true),
            Duration.ofMillis(value("switchboard.usage.journal-fsync-ms", Long.class, 100L)),
            Duration.ofMillis(value("switchboard.usage.flush-interval-millis", Long.class, 500L)),
            value("switchboard.usage.batch-size", Integer.class, 1000),
            value("switchboard.usage.writer-connections", Integer.class, 2),
            Duration.ofSeconds(
                value("switchboard.usage.admission-refresh-seconds", Long.class, 5L)),
            text("switchboard.server-id").orElseGet(UsageModule::defaultServerId),
            text("switchboard.console.url")
                .orElse("http://localhost:9080/console")
                .replaceAll("/+$", ""),
            new MailSettings(
                text("switchboard.mail.host").orElse(null),
                value("switchboard.mail.port", Integer.class, 25),
                text("switchboard.mail.from").orElse("switchboard@localhost"),
                text("switchboard.mail.username").orElse(null),
                text("switchboard.mail.password").orElse(null),
                value("switchboard.mail.starttls", Boolean.class, false),
                value("switchboard.mail.timeout-millis", Integer.class, 10_000)),
            value("switchboard.mail.max-attempts", Integer.class, 8));
    LOG.log(Level.INFO, "Usage journal at {0}; mail {1}", s.journalDir(), s.mail());
    return new UsageEngine(
        s,
        database.dataSource(),
        database.kind(),
        Clock.systemUTC(),
        this::integrationName,
        catalog.catalog());
  }

  private Optional<String> text(String key) {
    return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
  }

  private <T> T value(String key, Class<T> type, T fallback) {
    return config.getOptionalValue(key, type).orElse(fallback);
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

  private static String defaultServerId() {
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
    } catch (IOException e) {
      return "pid-" + ProcessHandle.current().pid();
    }
  }
}
