package dev.switchboard.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The configuration version, as this server knows it.
 *
 * <p>The database holds one number ({@code sb_config_version}); every configuration change bumps it
 * in the transaction that makes the change ({@link ConfigChanges}, an entity listener, or {@link
 * #changed()} for bulk statements), so a server that reads a new number is sure to read the change
 * too. Each server polls the number on its own thread ({@code switchboard.config.poll-ms}, default
 * 250 ms) and keeps an <em>epoch</em>: a local counter that moves whenever the database's number
 * moves or this server makes a change itself. The data plane's snapshots remember the epoch they
 * were built at and rebuild when it has moved; reading it is one volatile read, so the request path
 * never asks the database whether its configuration is current.
 *
 * <p>After a new number is seen, the registered refreshers run on the poller's thread, so snapshots
 * are rebuilt off the request path; a request that comes first rebuilds the snapshot itself.
 */
@ApplicationScoped
public class ConfigVersion {

  private static final Logger LOG = System.getLogger(ConfigVersion.class.getName());

  static final String BUMP_SQL = "UPDATE sb_config_version SET version = version + 1 WHERE id = 1";
  static final String READ_SQL = "SELECT version FROM sb_config_version WHERE id = 1";

  private static final AtomicLong EPOCH = new AtomicLong(1);
  private static volatile DataSource database;

  private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();
  private volatile long seen = -1;
  private volatile long lastPollNanos;
  private volatile Thread poller;

  /**
   * A configuration change in the current transaction: the database's version is bumped on the
   * transaction's connection (the same datasource in the same JTA transaction shares it), and this
   * server's epoch moves at once and again when the transaction has completed (so a snapshot read
   * between the change and its commit is not kept). Before {@link #start} (unit tests without a
   * server) only the epoch moves.
   *
   * @throws IllegalStateException when the bump fails, which rolls the change back with it
   */
  public static void changed() {
    DataSource ds = database;
    if (ds != null) {
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement(BUMP_SQL)) {
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(
            "Cannot record the configuration change: " + e.getMessage(), e);
      }
    }
    EPOCH.incrementAndGet();
    afterCompletion();
  }

  private static final Object COMPLETION_KEY = ConfigVersion.class.getName() + ".completion";

  /** Moves the epoch once more when the current JTA transaction ends, if there is one. */
  private static void afterCompletion() {
    try {
      TransactionSynchronizationRegistry tx =
          (TransactionSynchronizationRegistry)
              new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
      if (tx.getTransactionKey() == null || tx.getResource(COMPLETION_KEY) != null) {
        return;
      }
      tx.putResource(COMPLETION_KEY, Boolean.TRUE);
      tx.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              EPOCH.incrementAndGet();
            }
          });
    } catch (NamingException | IllegalStateException | NoClassDefFoundError e) {
      // no transaction manager here (a unit test), or the transaction is already completing: the
      // poller's next read moves the epoch after the commit instead
    }
  }

  /** This server's epoch: moves on every configuration change seen. One volatile read. */
  public static long epoch() {
    return EPOCH.get();
  }

  /** The database's version last seen by this server's poller; -1 before the first poll. */
  public long seen() {
    return seen;
  }

  /** When the poller last read the database (System.nanoTime), for health checks. */
  public long lastPollNanos() {
    return lastPollNanos;
  }

  /** Runs {@code refresher} on the poller's thread after each new version (rebuild a snapshot). */
  public void onChange(Runnable refresher) {
    refreshers.add(refresher);
  }

  /** Starts polling {@code ds} every {@code interval} on a thread of {@code threads}. */
  public synchronized void start(DataSource ds, ThreadFactory threads, Duration interval) {
    if (poller != null) {
      return;
    }
    database = ds;
    pollOnce(ds);
    long millis = Math.max(10, interval.toMillis());
    Thread t =
        threads.newThread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && database == ds) {
                try {
                  Thread.sleep(millis);
                } catch (InterruptedException e) {
                  return;
                }
                pollOnce(ds);
              }
            });
    t.setName("switchboard-config-version");
    t.setDaemon(true);
    poller = t;
    t.start();
    LOG.log(Level.INFO, "Configuration version {0}; polled every {1} ms", seen, millis);
  }

  /** Stops polling; changes still move the epoch. */
  public synchronized void stop() {
    Thread t = poller;
    poller = null;
    database = null;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * Reads the database's version once; when it moved, moves the epoch and runs the refreshers.
   *
   * @return whether the version moved
   */
  boolean pollOnce(DataSource ds) {
    long version;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(READ_SQL);
        ResultSet rs = ps.executeQuery()) {
      version = rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Cannot read the configuration version: " + e.getMessage());
      return false;
    }
    lastPollNanos = System.nanoTime();
    if (version == seen) {
      return false;
    }
    boolean first = seen < 0;
    seen = version;
    EPOCH.incrementAndGet();
    if (!first) {
      for (Runnable r : refreshers) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Rebuilding a configuration snapshot failed: " + e.getMessage());
        }
      }
    }
    return true;
  }
}
