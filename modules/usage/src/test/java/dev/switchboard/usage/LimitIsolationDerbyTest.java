package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 10 on real Derby: each limit is evaluated on its own, so one that fails does not
 * stop the resets and alerts of the limits after it, and a cycle whose reset is already recorded
 * counts as reset.
 */
class LimitIsolationDerbyTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  // evaluated in integration id order: the broken one comes first
  private static final String BROKEN = "int-a-broken";
  private static final String HEALTHY = "int-b-healthy";

  @TempDir Path tmp;
  private DataSource ds;
  private TestClock clock;
  private UsageEngine engine;

  @BeforeEach
  void setUp() {
    ds = TestDatabases.migratedDerby();
    clock = new TestClock(T0);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aCycleWhoseResetIsAlreadyRecordedCountsAsResetAndTheNextLimitIsStillReset()
      throws Exception {
    engine = engine(id -> id);
    limit(BROKEN);
    limit(HEALTHY);
    clock.advance(Duration.ofDays(30).plusMinutes(1));
    Instant next = Instant.parse("2026-12-22T00:00:00Z");
    // the reset of BROKEN's next cycle is recorded already (an interrupted reset, an edit that
    // moved the limit back): its insert is a duplicate key
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO sb_usage_cycle_reset (integration_id, cycle_start, previous_start,"
                    + " reset_at, reset_by) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, BROKEN);
      ps.setTimestamp(2, Sql.ts(next));
      ps.setTimestamp(3, Sql.ts(Instant.parse("2026-11-22T00:00:00Z")));
      ps.setTimestamp(4, Sql.ts(T0));
      ps.setString(5, "an earlier server");
      ps.executeUpdate();
    }

    LimitEvaluator.Result r = engine.evaluate(null);

    assertThat(r.failed()).isZero();
    assertThat(cycleStart(BROKEN)).isEqualTo(next);
    assertThat(cycleStart(HEALTHY)).isEqualTo(next);
    assertThat(r.resets()).as("only HEALTHY's reset is this evaluation's").isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM sb_usage_cycle_reset")).isEqualTo(2);

    // evaluating again changes nothing
    assertThat(engine.evaluate(null).resets()).isZero();
    assertThat(count("SELECT COUNT(*) FROM sb_usage_cycle_reset")).isEqualTo(2);
  }

  @Test
  void aLimitThatFailsIsCountedAndTheLimitsAfterItAreStillAlerted() throws Exception {
    engine =
        engine(
            id -> {
              if (id.equals(BROKEN)) {
                throw new IllegalStateException("the integration cannot be read");
              }
              return "Healthy assistant";
            });
    limit(BROKEN);
    limit(HEALTHY);
    engine.record(Calls.call(BROKEN, 900, clock.instant()));
    engine.record(Calls.call(HEALTHY, 900, clock.instant()));
    engine.drain(); // evaluates the limits it touched: BROKEN fails there too
    long failedBefore = engine.limitFailures();

    LimitEvaluator.Result r = engine.evaluate(null);

    assertThat(failedBefore).isEqualTo(1);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(engine.limitFailures()).isEqualTo(2);
    assertThat(r.alerts()).as("HEALTHY was alerted by the drain's evaluation").isZero();
    assertThat(alerts(HEALTHY)).isEqualTo(1);
    assertThat(alerts(BROKEN)).as("its transaction rolled back").isZero();
    assertThat(
            count("SELECT COUNT(*) FROM sb_notification WHERE integration_id = '" + HEALTHY + "'"))
        .isEqualTo(1);
  }

  private UsageEngine engine(java.util.function.UnaryOperator<String> names) {
    UsageEngine e =
        new UsageEngine(
            Calls.settings(tmp.resolve("journal"), "server-a", 25),
            ds,
            DatabaseKind.DERBY,
            clock,
            names,
            ModelCatalog.builtIn());
    return e;
  }

  private void limit(String integrationId) throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LimitDraft d =
        new LimitDraft(1000L, 30, today, false, true, List.of(80), List.of("ops@example.test"))
            .validated(today, null);
    try (Connection c = ds.getConnection()) {
      UsageLimits.save(c, integrationId, d, "admin", clock.instant());
    }
  }

  private Instant cycleStart(String integrationId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return UsageLimits.find(c, integrationId).orElseThrow().cycleStart();
    }
  }

  private long alerts(String integrationId) throws SQLException {
    return count(
        "SELECT COUNT(*) FROM sb_usage_alert WHERE integration_id = '" + integrationId + "'");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
