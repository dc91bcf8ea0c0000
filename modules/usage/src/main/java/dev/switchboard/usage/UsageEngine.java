package dev.switchboard.usage;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The usage engine of one server: the journal and its writer, the price book, the limit evaluator,
 * the notification dispatcher, and the admission check of enforcing limits. Plain Java, so tests
 * run the very same object against real databases and a real SMTP server.
 */
public final class UsageEngine implements AutoCloseable {

  private static final Logger LOG = System.getLogger(UsageEngine.class.getName());

  private final UsageSettings settings;
  private final DataSource dataSource;
  private final DatabaseKind kind;
  private final Clock clock;
  private final UsageJournal journal;
  private final PriceBook prices;
  private final LedgerStore store;
  private final LedgerWriter writer;
  private java.util.concurrent.ExecutorService writers;
  private final LimitEvaluator evaluator;
  private final Notifications notifications;
  private final Map<String, LongAdder> unwritten = new ConcurrentHashMap<>();
  private final Map<String, Cached> limits = new ConcurrentHashMap<>();
  private final java.util.Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private volatile java.util.concurrent.ExecutorService refresher;

  /** An integration's limit as last read (empty: none), with the tokens used then. */
  private record Cached(Optional<UsageLimit> limit, long used, Instant readAt) {}

  public UsageEngine(
      UsageSettings settings,
      DataSource dataSource,
      DatabaseKind kind,
      Clock clock,
      UnaryOperator<String> integrationNames,
      ModelCatalog listPrices) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.kind = kind;
    this.clock = clock;
    this.journal = new UsageJournal(settings.journalDir(), settings.fsync());
    this.prices = new PriceBook(clock, Duration.ofSeconds(30), listPrices);
    this.store = new LedgerStore(dataSource, kind, prices, clock, settings.batchSize());
    this.writer = new LedgerWriter(journal, store, this::written);
    this.evaluator =
        new LimitEvaluator(
            dataSource, clock, settings.serverId(), integrationNames, settings.consoleUrl());
    this.notifications =
        new Notifications(
            dataSource,
            new SmtpMailer(settings.mail()),
            clock,
            settings.serverId(),
            settings.mailMaxAttempts());
  }

  /** Starts the journal's flusher and the ledger writer. */
  public void start(ThreadFactory threads) {
    journal.start(threads, settings.fsyncInterval());
    if (settings.writerConnections() > 1) {
      writers =
          java.util.concurrent.Executors.newFixedThreadPool(settings.writerConnections(), threads);
      store.parallel(writers);
    }
    writer.start(threads, settings.flushInterval());
    refresher = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
  }

  /**
   * Records a routed call: in the journal file before this returns (it survives the death of the
   * process; forced to the device within the fsync interval), in the database within the flush
   * interval.
   *
   * @return whether the record was written to the journal
   */
  public boolean record(CallRecord r) {
    if (r.integrationId() != null && r.usage().totalTokens() > 0) {
      unwritten
          .computeIfAbsent(r.integrationId(), k -> new LongAdder())
          .add(r.usage().totalTokens());
    }
    boolean written = journal.append(r);
    if (!written) {
      LOG.log(Level.ERROR, "Usage record {0} could not be written to the journal", r.requestId());
    }
    return written;
  }

  /** Writes the journal to the database now (the writer thread does this on its own). */
  public int drain() throws IOException, SQLException {
    return writer.drain();
  }

  /**
   * After a batch is committed: re-measures the limits of the integrations it touched (so alerts go
   * out within a flush interval) before it stops counting the batch as unwritten, so enforcement
   * over-counts for a moment rather than under-counts.
   */
  private void written(List<CallRecord> records) {
    Set<String> touched = new HashSet<>();
    for (CallRecord r : records) {
      if (r.integrationId() != null && r.usage().totalTokens() > 0) {
        touched.add(r.integrationId());
      }
    }
    if (touched.isEmpty()) {
      return;
    }
    try {
      evaluate(touched);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Limit evaluation after a ledger write failed: " + e.getMessage());
    } finally {
      for (CallRecord r : records) {
        if (r.integrationId() != null && r.usage().totalTokens() > 0) {
          LongAdder a = unwritten.get(r.integrationId());
          if (a != null) {
            a.add(-r.usage().totalTokens());
          }
        }
      }
    }
  }

  /** Resets due cycles and raises crossed thresholds (all limits when {@code only} is null). */
  public LimitEvaluator.Result evaluate(Set<String> only) throws SQLException {
    LimitEvaluator.Result r = evaluator.evaluate(only);
    Instant now = clock.instant();
    for (LimitEvaluator.Measured m : r.limits()) {
      limits.put(m.limit().integrationId(), new Cached(Optional.of(m.limit()), m.used(), now));
    }
    return r;
  }

  /** Sends due mail from the notification log. */
  public int dispatchMail() throws SQLException {
    return notifications.dispatch();
  }

  /**
   * Refuses a call to an integration whose enforcing limit is used up in the current cycle. The
   * usage is the database's (re-read when older than the refresh interval) plus what this server
   * recorded and has not written yet. If the database cannot be read, the call is admitted.
   */
  public void admit(String integrationId) {
    Instant now = clock.instant();
    Cached c = limits.get(integrationId);
    if (c == null) {
      c = read(integrationId, now, null); // once per integration and server
    } else if (c.readAt().plus(settings.admissionRefresh()).isBefore(now)) {
      refreshSoon(integrationId, c);
    }
    if (c.limit().isEmpty()) {
      return;
    }
    UsageLimit l = c.limit().get();
    if (!l.enforcing() || !l.cycle().contains(now)) {
      return;
    }
    LongAdder pending = unwritten.get(integrationId);
    long used = c.used() + (pending == null ? 0 : Math.max(0, pending.sum()));
    if (used >= l.maxTokens()) {
      throw ProviderException.builder(
              ErrorCategory.QUOTA_EXHAUSTED,
              "Token limit of integration "
                  + integrationId
                  + " reached: "
                  + used
                  + " of "
                  + l.maxTokens()
                  + " tokens used in the "
                  + l.cycleDays()
                  + "-day cycle that started "
                  + l.cycleStart()
                  + "; it resets at "
                  + l.cycleEnd())
          .retryAfter(Duration.between(now, l.cycleEnd()))
          .retryable(false)
          .build();
    }
  }

  /**
   * Re-reads a stale limit off the calling thread (the call goes on with the last reading; usage
   * this server recorded since is counted on top of it). Without started threads (tests), at once.
   */
  private void refreshSoon(String integrationId, Cached stale) {
    java.util.concurrent.ExecutorService r = refresher;
    if (r == null) {
      read(integrationId, clock.instant(), stale);
      return;
    }
    if (!refreshing.add(integrationId)) {
      return;
    }
    try {
      r.execute(
          () -> {
            try {
              read(integrationId, clock.instant(), stale);
            } finally {
              refreshing.remove(integrationId);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      refreshing.remove(integrationId);
    }
  }

  private Cached read(String integrationId, Instant now, Cached stale) {
    try (Connection c = dataSource.getConnection()) {
      Optional<UsageLimit> l = UsageLimits.find(c, integrationId);
      long used = l.isEmpty() ? 0 : UsageLimits.used(c, integrationId, current(l.get(), now));
      Cached fresh = new Cached(l, used, now);
      limits.put(integrationId, fresh);
      return fresh;
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING, "Cannot read the token limit of " + integrationId + ": " + e.getMessage());
      return stale != null ? stale : new Cached(Optional.empty(), 0, now);
    }
  }

  private static CycleWindow current(UsageLimit l, Instant now) {
    return l.cycle().contains(now)
        ? l.cycle()
        : CycleWindow.containing(l.startDate(), l.cycleDays(), now);
  }

  /** Forgets an integration's cached limit (after an admin changed it on this server). */
  public void forget(String integrationId) {
    limits.remove(integrationId);
  }

  public PriceBook prices() {
    return prices;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public DatabaseKind kind() {
    return kind;
  }

  public Clock clock() {
    return clock;
  }

  public UsageSettings settings() {
    return settings;
  }

  /**
   * Whether a call's record would reach the journal now (after a failed write, a fresh segment is
   * tried at most once a second).
   */
  public boolean canRecord() {
    return journal.canRecord();
  }

  /**
   * Refuses a call before it is sent upstream when its usage could not be recorded and {@code
   * refuse} (the server's {@code switchboard.usage.refuse-when-unrecorded}) says so.
   *
   * @throws ProviderException {@code UNAVAILABLE}, code {@code usage_unrecorded} (a 503)
   */
  public void admitRecording(boolean refuse) {
    if (refuse && !journal.canRecord()) {
      throw ProviderException.builder(
              ErrorCategory.UNAVAILABLE,
              "This server cannot record usage now (its usage journal cannot be written), so the"
                  + " call was not sent. Try again, or another server.")
          .providerCode("usage_unrecorded")
          .retryable(true)
          .build();
    }
  }

  UsageJournal journal() {
    return journal;
  }

  /** Damaged journal records found since start (each logged, its segment kept as .corrupt). */
  public long journalCorruptRecords() {
    return UsageJournal.corruptRecords();
  }

  /** Limit evaluations that failed since start (each limit is evaluated on its own). */
  public long limitFailures() {
    return evaluator.failures();
  }

  /** Records that could not be written to the journal since start (for metrics and health). */
  public long journalFailures() {
    return journal.failures();
  }

  @Override
  public void close() throws IOException {
    journal.close();
    writer.stop();
    if (writers != null) {
      writers.shutdown();
    }
    if (refresher != null) {
      refresher.shutdown();
    }
  }
}
