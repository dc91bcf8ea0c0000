package dev.switchboard.routing.router;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Requests- and tokens-per-minute limits that hold across every server on one database: each
 * (scope, minute) has one row in {@code sb_rate_window}, and a request is admitted only by an
 * atomic conditional {@code UPDATE ... WHERE requests < limit} (or the insert that opens the
 * minute), so two servers can never both take the last request of a minute. Scopes are an
 * integration ({@code i:<id>}, its {@code rate_limit_rpm}) and a gateway API key ({@code k:<id>},
 * its requests and tokens per minute). Only limited scopes touch the database.
 *
 * <p>If the database cannot be reached the call is admitted and the failure logged: a limit is a
 * guard against overuse, not a reason to fail every call during a database outage.
 */
@ApplicationScoped
public class ClusterRateLimits {

  private static final Logger LOG = Logger.getLogger(ClusterRateLimits.class.getName());
  private static final String DUPLICATE_KEY = "23505";

  @Resource(lookup = "jdbc/switchboard")
  DataSource dataSource;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Integer> integrationRpm = new ConcurrentHashMap<>();
  private final Set<String> keysWithTokenLimits = ConcurrentHashMap.newKeySet();
  private final AtomicLong lastPurgeMinute = new AtomicLong();

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

  boolean takeRequest(String scope, int limit) {
    long minute = minute();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      purgeOld(c, minute);
      if (increment(c, scope, minute, limit)) {
        return true;
      }
      if (rowExists(c, scope, minute)) {
        return false;
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO sb_rate_window (scope, window_start, requests, tokens) VALUES (?, ?, 1,"
                  + " 0)")) {
        insert.setString(1, scope);
        insert.setLong(2, minute);
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (DUPLICATE_KEY.equals(e.getSQLState())) {
          return increment(c, scope, minute, limit);
        }
        throw e;
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Rate limit of " + scope + " not checked: database error", e);
      return true;
    }
  }

  private static boolean increment(Connection c, String scope, long minute, int limit)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE sb_rate_window SET requests = requests + 1"
                + " WHERE scope = ? AND window_start = ? AND requests < ?")) {
      update.setString(1, scope);
      update.setLong(2, minute);
      update.setLong(3, limit);
      return update.executeUpdate() == 1;
    }
  }

  private static boolean rowExists(Connection c, String scope, long minute) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT 1 FROM sb_rate_window WHERE scope = ? AND window_start = ?")) {
      q.setString(1, scope);
      q.setLong(2, minute);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  private long tokensUsed(String scope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT tokens FROM sb_rate_window WHERE scope = ? AND window_start = ?")) {
      q.setString(1, scope);
      q.setLong(2, minute());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Token limit of " + scope + " not checked: database error", e);
      return 0;
    }
  }

  private void addTokens(String scope, long tokens) {
    long minute = minute();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE sb_rate_window SET tokens = tokens + ? WHERE scope = ? AND window_start = ?")) {
        update.setLong(1, tokens);
        update.setString(2, scope);
        update.setLong(3, minute);
        if (update.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO sb_rate_window (scope, window_start, requests, tokens) VALUES (?, ?, 0,"
                  + " ?)")) {
        insert.setString(1, scope);
        insert.setLong(2, minute);
        insert.setLong(3, tokens);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!DUPLICATE_KEY.equals(e.getSQLState())) {
          throw e;
        }
        addTokens(scope, tokens);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Tokens of " + scope + " not counted: database error", e);
    }
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
