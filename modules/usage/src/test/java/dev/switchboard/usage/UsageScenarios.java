package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.platform.database.DatabaseKind;
import dev.switchboard.providers.catalog.ModelCatalog;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage scenarios of RELIABILITY.md items 25-29, against a real database (the subclass says
 * which) and a real SMTP server (GreenMail on a free port).
 */
abstract class UsageScenarios {

  static final String INTEGRATION = "int-limited";
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @TempDir Path tmp;
  GreenMail smtp;
  TestClock clock;
  final List<UsageEngine> engines = new ArrayList<>();

  abstract DataSource dataSource();

  abstract DatabaseKind kind();

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    clock = new TestClock(T0);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (UsageEngine e : engines) {
      e.close();
    }
    smtp.stop();
  }

  UsageEngine server(String name) {
    UsageEngine e =
        new UsageEngine(
            Calls.settings(tmp.resolve(name), name, smtp.getSmtp().getPort()),
            dataSource(),
            kind(),
            clock,
            id -> "Search assistant",
            ModelCatalog.builtIn());
    e.start(Thread::new);
    engines.add(e);
    return e;
  }

  void limit(long max, boolean enforcing, List<Integer> thresholds) throws SQLException {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LimitDraft d =
        new LimitDraft(max, 30, today, enforcing, true, thresholds, List.of("ops@example.test"))
            .validated(today, null);
    try (Connection c = dataSource().getConnection()) {
      UsageLimits.save(c, INTEGRATION, d, "admin", clock.instant());
    }
  }

  /** Fifty calls at once, half on each of two servers; each then evaluates and sends mail. */
  void fiftyParallelCalls(UsageEngine a, UsageEngine b, long tokensEach) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> done = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      UsageEngine e = i % 2 == 0 ? a : b;
      Callable<Object> task =
          () -> {
            go.await();
            e.record(Calls.call(INTEGRATION, tokensEach, clock.instant()));
            e.drain();
            e.evaluate(null);
            e.dispatchMail();
            return null;
          };
      done.add(pool.submit(task));
    }
    go.countDown();
    for (Future<Object> f : done) {
      f.get();
    }
    pool.shutdown();
    a.drain();
    b.drain();
    a.evaluate(null);
    b.evaluate(null);
    a.dispatchMail();
    b.dispatchMail();
  }

  @Test
  void crossingEightyThenHundredPercentWithFiftyParallelCallsSendsOneMailPerThreshold()
      throws Exception {
    limit(1000, false, List.of(80, 100));
    UsageEngine a = server("a");
    UsageEngine b = server("b");

    fiftyParallelCalls(a, b, 16); // 800 tokens: 80 %
    mailsArriveAndStay(1);
    assertThat(subjects())
        .containsExactly("Switchboard: Search assistant reached 80% of its token limit");

    fiftyParallelCalls(a, b, 4); // 1000 tokens: 100 %
    mailsArriveAndStay(2);
    assertThat(subjects())
        .containsExactly(
            "Switchboard: Search assistant reached 80% of its token limit",
            "Switchboard: Search assistant reached 100% of its token limit");
    String body = (String) smtp.getReceivedMessages()[1].getContent();
    assertThat(body)
        .contains("Usage: 1000 of 1000 tokens (100%)")
        .contains("int-limited")
        .contains("http://localhost:9080/console/");
    assertThat(count("SELECT COUNT(*) FROM sb_usage_entry")).isEqualTo(100);
    assertThat(count("SELECT COUNT(*) FROM sb_notification WHERE status = 'SENT'")).isEqualTo(2);

    // a restart mid-cycle: new engines on the same database (and journals) send nothing again
    for (UsageEngine e : engines) {
      e.close();
    }
    engines.clear();
    UsageEngine again = server("a");
    UsageEngine other = server("b");
    again.evaluate(null);
    other.evaluate(null);
    again.dispatchMail();
    other.dispatchMail();
    mailsStay(2);
  }

  @Test
  void aCycleResetHappensOnceWhenTwoServersEvaluateAtTheSameTime() throws Exception {
    limit(1000, false, List.of(50));
    UsageEngine a = server("a");
    UsageEngine b = server("b");
    a.record(Calls.call(INTEGRATION, 600, clock.instant()));
    a.drain();
    a.evaluate(null);
    a.dispatchMail();
    mailsArriveAndStay(1);

    clock.advance(Duration.ofDays(30).plusMinutes(1));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger resets = new AtomicInteger();
    List<Future<Object>> done = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      UsageEngine e = i % 2 == 0 ? a : b;
      done.add(
          pool.submit(
              () -> {
                go.await();
                resets.addAndGet(e.evaluate(null).resets());
                return null;
              }));
    }
    go.countDown();
    for (Future<Object> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(resets.get()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM sb_usage_cycle_reset")).isEqualTo(1);
    try (Connection c = dataSource().getConnection()) {
      UsageLimit l = UsageLimits.find(c, INTEGRATION).orElseThrow();
      assertThat(l.cycleStart()).isEqualTo(Instant.parse("2026-12-22T00:00:00Z"));
      assertThat(UsageLimits.used(c, INTEGRATION, l.cycle())).isZero();
    }

    // the new cycle alerts afresh, once
    a.record(Calls.call(INTEGRATION, 600, clock.instant()));
    a.drain();
    a.evaluate(null);
    b.evaluate(null);
    a.dispatchMail();
    b.dispatchMail();
    mailsArriveAndStay(2);
  }

  @Test
  void anEnforcingLimitRefusesCallsNamingTheLimitAndItsReset() throws Exception {
    limit(100, true, List.of(100));
    UsageEngine a = server("a");
    a.admit(INTEGRATION);
    a.record(Calls.call(INTEGRATION, 100, clock.instant()));

    assertThatThrownBy(() -> a.admit(INTEGRATION))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.QUOTA_EXHAUSTED))
        .hasMessageContaining("Token limit of integration int-limited reached: 100 of 100")
        .hasMessageContaining("it resets at 2026-12-22T00:00:00Z");
    a.admit("another-integration");

    a.drain(); // written (the writer does it within its flush interval)
    assertThatThrownBy(() -> a.admit(INTEGRATION)).isInstanceOf(ProviderException.class);
    clock.advance(Duration.ofDays(30));
    a.evaluate(null);
    a.admit(INTEGRATION);
  }

  @Test
  void aNotifyOnlyLimitNeverRefuses() throws Exception {
    limit(100, false, List.of(100));
    UsageEngine a = server("a");
    a.record(Calls.call(INTEGRATION, 500, clock.instant()));
    a.drain();
    a.admit(INTEGRATION);
  }

  @Test
  void aFailedSendIsRetriedAndTheLogKeepsItsStatus() throws Exception {
    limit(100, false, List.of(100));
    UsageEngine a = server("a");
    a.record(Calls.call(INTEGRATION, 100, clock.instant()));
    a.drain();
    a.evaluate(null);
    smtp.stop();
    a.dispatchMail();
    Notification failed;
    try (Connection c = dataSource().getConnection()) {
      failed = Notifications.log(c, INTEGRATION, 10).get(0);
    }
    assertThat(failed.status()).isEqualTo(Notifications.FAILED);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).isNotBlank();
    assertThat(failed.nextAttemptAt()).isAfter(clock.instant());

    smtp = new GreenMail(ServerSetupTest.SMTP.port(a.settings().mail().port()));
    smtp.start();
    assertThat(a.dispatchMail()).isZero(); // not due yet
    clock.advance(Duration.ofMinutes(1));
    assertThat(a.dispatchMail()).isEqualTo(1);
    try (Connection c = dataSource().getConnection()) {
      Notification sent = Notifications.log(c, INTEGRATION, 10).get(0);
      assertThat(sent.status()).isEqualTo(Notifications.SENT);
      assertThat(sent.attempts()).isEqualTo(2);
    }
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void writingTheSameRecordsTwiceKeepsOneRowEachWithCostFromThePriceInForce() throws Exception {
    try (Connection c = dataSource().getConnection()) {
      PriceBook.add(
          c,
          new PriceEntry(
              null,
              "openai",
              "gpt-4o-mini",
              T0.minus(Duration.ofDays(1)),
              new BigDecimal("2"),
              new BigDecimal("10"),
              null,
              "USD",
              "admin",
              T0));
      PriceBook.add(
          c,
          new PriceEntry(
              null,
              "openai",
              "gpt-4o-mini",
              T0.plus(Duration.ofDays(1)),
              new BigDecimal("4"),
              new BigDecimal("20"),
              null,
              "USD",
              "admin",
              T0));
    }
    LedgerStore store =
        new LedgerStore(
            dataSource(),
            kind(),
            new PriceBook(clock, Duration.ofSeconds(30), ModelCatalog.builtIn()),
            clock,
            100);
    CallRecord priced =
        Calls.call(INTEGRATION, "gpt-4o-mini", Usage.of(1000, 500, UsageSource.REPORTED), T0, 40);
    CallRecord unpriced =
        Calls.call(INTEGRATION, "no-such-model", Usage.of(1000, 500, UsageSource.REPORTED), T0, 40);

    CallRecord listed =
        Calls.call(
            INTEGRATION,
            "gpt-4o-mini",
            Usage.of(1000, 500, UsageSource.REPORTED),
            T0.minus(Duration.ofDays(2)),
            40);

    assertThat(store.write(List.of(priced, unpriced, listed))).isEqualTo(3);
    assertThat(store.write(List.of(priced, unpriced, priced, listed))).isZero();
    try (Connection c = dataSource().getConnection()) {
      UsageEntry l =
          UsageEntry.list(
                  c, listed.startedAt(), listed.startedAt().plusSeconds(1), null, null, null, 1)
              .get(0);
      assertThat(l.cost())
          .as("the catalog's list price before any admin price")
          .isEqualByComparingTo("0.00045");
    }

    try (Connection c = dataSource().getConnection()) {
      List<UsageEntry> rows = UsageEntry.list(c, T0, T0.plusSeconds(1), null, null, null, 10);
      assertThat(rows).hasSize(2);
      UsageEntry p =
          rows.stream()
              .filter(r -> r.requestId().equals(priced.requestId()))
              .findFirst()
              .orElseThrow();
      UsageEntry u =
          rows.stream()
              .filter(r -> r.requestId().equals(unpriced.requestId()))
              .findFirst()
              .orElseThrow();
      assertThat(p.cost()).isEqualByComparingTo("0.007");
      assertThat(p.currency()).isEqualTo("USD");
      assertThat(u.cost()).isNull();
    }
  }

  @Test
  void summariesGiveTokensRequestsMedianLatencyAndWarnAboutEstimatedUsage() throws Exception {
    LedgerStore store =
        new LedgerStore(
            dataSource(),
            kind(),
            new PriceBook(clock, Duration.ofSeconds(30), ModelCatalog.builtIn()),
            clock,
            100);
    store.write(
        List.of(
            Calls.call("int-a", "m1", Usage.of(10, 5, UsageSource.REPORTED), T0, 10),
            Calls.call("int-a", "m1", Usage.of(10, 5, UsageSource.REPORTED), T0, 90),
            Calls.call("int-a", "m2", Usage.of(10, 5, UsageSource.REPORTED), T0, 20),
            Calls.call("int-b", "m2", Usage.of(7, 3, UsageSource.ESTIMATED), T0, 30)));
    try (Connection c = dataSource().getConnection()) {
      UsageSummary byModel =
          UsageAnalytics.summarize(
              c,
              kind(),
              new UsageQuery(T0, T0.plusSeconds(60), UsageQuery.GroupBy.MODEL, null, null));
      assertThat(byModel.rows()).hasSize(2);
      UsageRow m1 = byModel.rows().get(0);
      assertThat(m1.key()).isEqualTo("m1");
      assertThat(m1.requests()).isEqualTo(2);
      assertThat(m1.totalTokens()).isEqualTo(30);
      assertThat(m1.medianLatencyMillis()).isEqualTo(50.0);
      assertThat(byModel.rows().get(1).medianLatencyMillis()).isEqualTo(25.0);
      assertThat(byModel.warnings())
          .singleElement()
          .asString()
          .contains("int-b")
          .contains("not tracked exactly");

      UsageSummary byDay =
          UsageAnalytics.summarize(
              c,
              kind(),
              new UsageQuery(T0, T0.plusSeconds(60), UsageQuery.GroupBy.DAY, "team-a", null));
      assertThat(byDay.rows())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("2026-11-22");
                assertThat(r.requests()).isEqualTo(4);
                assertThat(r.medianLatencyMillis()).isEqualTo(25.0);
                assertThat(r.estimatedRequests()).isEqualTo(1);
                assertThat(r.unpricedRequests()).isEqualTo(4);
              });
      assertThat(
              UsageAnalytics.summarize(
                      c,
                      kind(),
                      new UsageQuery(
                          T0, T0.plusSeconds(60), UsageQuery.GroupBy.FEATURE, "other", null))
                  .rows())
          .isEmpty();
    }
  }

  @Test
  void aCycleResetAlreadyRecordedCountsAsDoneAndDoesNotStopTheOtherLimits() throws Exception {
    limit(1000, false, List.of(50));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection c = dataSource().getConnection()) {
      UsageLimits.save(
          c,
          "int-other",
          new LimitDraft(1000L, 30, today, false, true, List.of(50), List.of("ops@example.test"))
              .validated(today, null),
          "admin",
          clock.instant());
    }
    UsageEngine a = server("a");
    clock.advance(Duration.ofDays(30).plusMinutes(1));
    CycleWindow next = CycleWindow.containing(today, 30, clock.instant());
    // a reset to the next cycle was recorded before (the limit's cycle was moved back since)
    try (Connection c = dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO sb_usage_cycle_reset (integration_id, cycle_start, previous_start,"
                    + " reset_at, reset_by) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, INTEGRATION);
      ps.setTimestamp(2, Sql.ts(next.start()));
      ps.setTimestamp(3, Sql.ts(today.atStartOfDay(ZoneOffset.UTC).toInstant()));
      ps.setTimestamp(4, Sql.ts(clock.instant()));
      ps.setString(5, "earlier");
      ps.executeUpdate();
    }
    a.record(Calls.call("int-other", 600, clock.instant()));
    a.drain();

    LimitEvaluator.Result r = a.evaluate(null);
    a.dispatchMail();

    // no failure; which evaluation moved each limit (the ledger writer's after its batch, or this
    // one) does not matter: both limits are in the next cycle
    assertThat(r.failed()).isZero();
    try (Connection c = dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM sb_usage_limit WHERE cycle_start = ?")) {
      ps.setTimestamp(1, Sql.ts(next.start()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("both limits in the next cycle").isEqualTo(2);
      }
    }
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    assertThat(subjects())
        .containsExactly("Switchboard: Search assistant reached 50% of its token limit");
  }

  /** {@code n} mails arrive within 10 s, and no further one within the next second. */
  void mailsArriveAndStay(int n) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> smtp.getReceivedMessages().length, c -> c >= n);
    mailsStay(n);
  }

  /**
   * Exactly {@code n} mails, all through the next second: none more arrives (not "once, later").
   */
  void mailsStay(int n) {
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> smtp.getReceivedMessages().length, c -> c == n);
  }

  List<String> subjects() throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      out.add(m.getSubject());
    }
    return out;
  }

  long count(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
