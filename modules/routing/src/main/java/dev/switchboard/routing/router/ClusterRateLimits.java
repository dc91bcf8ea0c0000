package dev.switchboard.routing.router;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests- and tokens-per-minute limits that hold across every server on one database, without a
 * database round trip per call.
 *
 * <p><b>Requests</b> are <em>leased</em>: each (scope, minute) has one row in {@code
 * sb_rate_window} whose {@code requests} counts what all servers have taken, and a server takes a
 * slice of the minute at a time ({@code switchboard.limits.lease-fraction} of the limit, at least
 * one request) by an atomic conditional {@code UPDATE ... WHERE requests + n <= limit}. Calls then
 * spend the slice in memory. The limit is never exceeded (every admitted call was taken from the
 * row), and a server refuses once the row is used up; the tolerance is the other way: requests
 * another server leased but did not use in that minute are lost to the rest, at most one slice per
 * other server (5 % of the limit each by default). Scopes are an integration ({@code i:<id>}, its
 * {@code rate_limit_rpm}) and a gateway API key ({@code k:<id>}, its requests per minute); only
 * limited scopes touch the database.
 *
 * <p><b>Tokens</b> (a key's tokens per minute) are known only after a call, so they are counted in
 * memory and written to the row, and the row's total read back, at most once a second per scope and
 * server: a server sees the others' tokens within about a second.
 *
 * <p>If the database cannot be reached, {@code switchboard.limits.database-down} decides: {@code
 * admit} (the default: a limit guards against overuse, it is not a reason to fail every call during
 * an outage) or {@code refuse} (a 429 until the database is back). Either way it is logged.
 */
@ApplicationScoped
public class ClusterRateLimits {

  private static final Logger LOG = Logger.getLogger(ClusterRateLimits.class.getName());
  private static final String DUPLICATE_KEY = "23505";
  private static final long TOKEN_SYNC_MILLIS = 1000;

  @Resource(lookup = "jdbc/switchboard")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "switchboard.limits.lease-fraction", defaultValue = "0.05")
  double leaseFraction;

  @Inject
  @ConfigProperty(name = "switchboard.limits.database-down", defaultValue = "admit")
  String whenDatabaseDown;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Integer> integrationRpm = new ConcurrentHashMap<>();
  private final Set<String> keysWithTokenLimits = ConcurrentHashMap.newKeySet();
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final Map<String, TokenWindow> tokens = new ConcurrentHashMap<>();
  private final AtomicLong lastPurgeMinute = new AtomicLong();
  private final LongAdder databaseTrips = new LongAdder();

  /** This server's slice of one scope's minute. */
  private static final class Lease {
    final long minute;
    final AtomicInteger left = new AtomicInteger();

    /** The row is used up: refuse without asking again until the minute ends. */
    volatile boolean exhausted;

    Lease(long minute) {
      this.minute = minute;
    }

    boolean take() {
      for (int n = left.get(); n > 0; n = left.get()) {
        if (left.compareAndSet(n, n - 1)) {
          return true;
        }
      }
      return false;
    }
  }

  /** One scope's tokens of a minute: what this server has not written yet, and the row's total. */
  private static final class TokenWindow {
    final long minute;
    final AtomicLong unwritten = new AtomicLong();
    volatile long databaseTotal;
    volatile long syncedAt;

    TokenWindow(long minute) {
      this.minute = minute;
    }
  }

  /** The integration's requests-per-minute limit as last read from its settings (null: none). */
  public void integrationLimit(String integrationId, Integer rpm) {
    if (rpm == null || rpm <= 0) {
      integrationRpm.remove(integrationId);
    } else {
      integrationRpm.put(integrationId, rpm);
    }
  }

  /** One request of the integration's minute, or a refusal when the limit is reached. */
  public Optional<ProviderException> tryAcquireIntegration(String integrationId) {
    Integer rpm = integrationRpm.get(integrationId);
    if (rpm == null) {
      return Optional.empty();
    }
    return takeRequest("i:" + integrationId, rpm)
        ? Optional.empty()
        : Optional.of(
            refusal(
                "Integration "
                    + integrationId
                    + " has used its "
                    + rpm
                    + " requests for this minute (its rate limit)",
                "integration_rate_limit"));
  }

  /**
   * Admits one request of a gateway API key, or throws {@code RATE_LIMITED} naming the key's limit
   * and when the minute ends.
   */
  public void admitKey(String keyId, Integer requestsPerMinute, Integer tokensPerMinute) {
    if (tokensPerMinute != null && tokensPerMinute > 0) {
      keysWithTokenLimits.add("apikey:" + keyId);
      long used = tokensUsed("k:" + keyId);
      if (used >= tokensPerMinute) {
        throw refusal(
            "This API key has used " + used + " of its " + tokensPerMinute + " tokens per minute",
            "tokens_per_minute");
      }
    }
    if (requestsPerMinute != null
        && requestsPerMinute > 0
        && !takeRequest("k:" + keyId, requestsPerMinute)) {
      throw refusal(
          "This API key has made its " + requestsPerMinute + " requests for this minute",
          "requests_per_minute");
    }
  }

  /** Counts a finished call's tokens against its API key's minute, when that key has a limit. */
  void onCall(@Observes CallRecord call) {
    String caller = call.context().caller();
    if (caller == null) {
      return;
    }
    int slash = caller.indexOf('/'); // "apikey:<id>/<caller the application named>"
    String key = slash < 0 ? caller : caller.substring(0, slash);
    if (!keysWithTokenLimits.contains(key)) {
      return;
    }
    long tokens = call.usage().inputTokens() + call.usage().outputTokens();
    if (tokens > 0) {
      addTokens("k:" + key.substring("apikey:".length()), tokens);
    }
  }

  /** Seconds until the current minute ends: the {@code Retry-After} of a refusal. */
  public long secondsToNextMinute() {
    return 60 - (clock.millis() / 1000) % 60;
  }

  private long minute() {
    return clock.millis() / 60_000;
  }

  /**
   * One request of the scope's minute: from this server's lease, or from a new slice leased from
   * the database when the lease is spent.
   */
  boolean takeRequest(String scope, int limit) {
    long minute = minute();
    Lease lease =
        leases.compute(scope, (k, l) -> l == null || l.minute != minute ? new Lease(minute) : l);
    if (lease.take()) {
      return true;
    }
    synchronized (lease) {
      if (lease.take()) {
        return true;
      }
      if (lease.exhausted) {
        return false;
      }
      int got;
      try {
        got = lease(scope, minute, limit, sliceOf(limit));
      } catch (SQLException e) {
        return databaseDown("Rate limit of " + scope, e);
      }
      if (got == 0) {
        lease.exhausted = true;
        return false;
      }
      lease.left.addAndGet(got - 1);
      return true;
    }
  }

  /** The requests one lease takes: a fraction of the limit, at least one. */
  int sliceOf(int limit) {
    return Math.max(1, Math.min(limit, (int) Math.ceil(limit * leaseFraction)));
  }

  /**
   * Takes up to {@code want} requests of the scope's minute from the database: all of them when
   * they fit, else what is left of the limit, else none.
   */
  private int lease(String scope, long minute, int limit, int want) throws SQLException {
    databaseTrips.increment();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      purgeOld(c, minute);
      for (int attempt = 0; attempt < 5; attempt++) {
        if (add(c, scope, minute, limit, want)) {
          return want;
        }
        OptionalLong taken = requestsTaken(c, scope, minute);
        if (taken.isEmpty()) {
          if (insert(c, scope, minute, want, 0)) {
            return want;
          }
          continue; // another server opened the minute first
        }
        long rest = limit - taken.getAsLong();
        if (rest <= 0) {
          return 0;
        }
        if (add(c, scope, minute, limit, (int) rest)) {
          return (int) rest;
        }
      }
      return 0;
    }
  }

  private static boolean add(Connection c, String scope, long minute, int limit, int n)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE sb_rate_window SET requests = requests + ?"
                + " WHERE scope = ? AND window_start = ? AND requests + ? <= ?")) {
      update.setInt(1, n);
      update.setString(2, scope);
      update.setLong(3, minute);
      update.setInt(4, n);
      update.setLong(5, limit);
      return update.executeUpdate() == 1;
    }
  }

  private static OptionalLong requestsTaken(Connection c, String scope, long minute)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT requests FROM sb_rate_window WHERE scope = ? AND window_start = ?")) {
      q.setString(1, scope);
      q.setLong(2, minute);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Opens the scope's minute; false when another server opened it first. */
  private static boolean insert(Connection c, String scope, long minute, int requests, long tokens)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO sb_rate_window (scope, window_start, requests, tokens) VALUES (?, ?, ?,"
                + " ?)")) {
      insert.setString(1, scope);
      insert.setLong(2, minute);
      insert.setInt(3, requests);
      insert.setLong(4, tokens);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** The scope's tokens this minute on every server, as of at most a second ago. */
  private long tokensUsed(String scope) {
    TokenWindow w = tokenWindow(scope);
    sync(scope, w, false);
    return w.databaseTotal + w.unwritten.get();
  }

  private void addTokens(String scope, long n) {
    TokenWindow w = tokenWindow(scope);
    w.unwritten.addAndGet(n);
    sync(scope, w, false);
  }

  private TokenWindow tokenWindow(String scope) {
    long minute = minute();
    TokenWindow w =
        tokens.compute(
            scope, (k, t) -> t == null || t.minute != minute ? new TokenWindow(minute) : t);
    return w;
  }

  /**
   * Writes this server's unwritten tokens to the row and reads the row's total back, at most once a
   * second per scope (always when {@code now} is set); one caller does it while others go on.
   */
  private void sync(String scope, TokenWindow w, boolean now) {
    long t = clock.millis();
    if (!now && t - w.syncedAt < TOKEN_SYNC_MILLIS) {
      return;
    }
    synchronized (w) {
      if (!now && t - w.syncedAt < TOKEN_SYNC_MILLIS) {
        return;
      }
      w.syncedAt = t;
      long n = w.unwritten.getAndSet(0);
      databaseTrips.increment();
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        if (n > 0 && !addTokens(c, scope, w.minute, n) && !insert(c, scope, w.minute, 0, n)) {
          addTokens(c, scope, w.minute, n);
        }
        try (PreparedStatement q =
            c.prepareStatement(
                "SELECT tokens FROM sb_rate_window WHERE scope = ? AND window_start = ?")) {
          q.setString(1, scope);
          q.setLong(2, w.minute);
          try (ResultSet rs = q.executeQuery()) {
            w.databaseTotal = rs.next() ? rs.getLong(1) : 0;
          }
        }
      } catch (SQLException e) {
        w.unwritten.addAndGet(n); // kept for the next sync
        LOG.log(Level.WARNING, "Tokens of " + scope + " not synchronised: database error", e);
      }
    }
  }

  private static boolean addTokens(Connection c, String scope, long minute, long n)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE sb_rate_window SET tokens = tokens + ? WHERE scope = ? AND window_start = ?")) {
      update.setLong(1, n);
      update.setString(2, scope);
      update.setLong(3, minute);
      return update.executeUpdate() == 1;
    }
  }

  /** Database round trips this server made for limits: a test and the benchmark watch it. */
  public long databaseTrips() {
    return databaseTrips.sum();
  }

  private boolean databaseDown(String what, SQLException e) {
    boolean refuse = "refuse".equalsIgnoreCase(whenDatabaseDown);
    LOG.log(
        Level.WARNING,
        what
            + " not checked: database error; "
            + (refuse ? "refusing (switchboard.limits.database-down=refuse)" : "admitting"),
        e);
    return !refuse;
  }

  /** Once a minute per server, drops windows older than five minutes. */
  private void purgeOld(Connection c, long minute) throws SQLException {
    long last = lastPurgeMinute.get();
    if (last == minute || !lastPurgeMinute.compareAndSet(last, minute)) {
      return;
    }
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM sb_rate_window WHERE window_start < ?")) {
      delete.setLong(1, minute - 5);
      delete.executeUpdate();
    }
  }

  private ProviderException refusal(String what, String code) {
    long seconds = secondsToNextMinute();
    return ProviderException.builder(
            ErrorCategory.RATE_LIMITED, what + "; it resets in " + seconds + " s.")
        .providerCode(code)
        .retryAfter(java.time.Duration.ofSeconds(seconds))
        .build();
  }
}
