package dev.switchboard.routing.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ProviderException;
import dev.switchboard.platform.database.DatabaseMigrations;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers' limits on one real, migrated Derby database: leased slices keep the database off the
 * per-call path and the limit holds across both.
 */
class ClusterRateLimitsTest {

  private EmbeddedDataSource db;

  @BeforeEach
  void migrated() {
    db = new EmbeddedDataSource();
    db.setDatabaseName("memory:limits-" + UUID.randomUUID());
    db.setCreateDatabase("create");
    new DatabaseMigrations(db, getClass().getClassLoader()).migrate();
  }

  private ClusterRateLimits server(javax.sql.DataSource ds, String whenDown) {
    ClusterRateLimits limits = new ClusterRateLimits();
    limits.dataSource = ds;
    limits.leaseFraction = 0.05;
    limits.whenDatabaseDown = whenDown;
    return limits;
  }

  @Test
  void twoServersTogetherAdmitTheLimitAndNoMoreWithAFractionOfTheDatabaseTrips() throws Exception {
    ClusterRateLimits a = server(db, "admit");
    ClusterRateLimits b = server(db, "admit");
    int limit = 1000;
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> calls = new ArrayList<>();
    for (int n = 0; n < 1500; n++) {
      ClusterRateLimits server = n % 2 == 0 ? a : b;
      calls.add(
          pool.submit(
              () -> {
                if (server.takeRequest("i:shared", limit)) {
                  admitted.incrementAndGet();
                }
              }));
    }
    for (Future<?> f : calls) {
      f.get();
    }
    pool.shutdown();
    long minuteNow = System.currentTimeMillis() / 60_000;

    // a minute boundary during the run would open a second window: then both windows count
    if (System.currentTimeMillis() / 60_000 == minuteNow) {
      assertThat(admitted.get())
          .isLessThanOrEqualTo(limit)
          .isGreaterThanOrEqualTo(limit - a.sliceOf(limit));
    }
    // 50 requests a slice: about 20 slices in all, plus the refusals' last look
    assertThat(a.databaseTrips() + b.databaseTrips()).isLessThan(40);
  }

  @Test
  void aKeysLimitRefusesWithTheMinutesRestAsRetryAfter() {
    ClusterRateLimits a = server(db, "admit");
    for (int n = 0; n < 3; n++) {
      a.admitKey("k1", 3, null);
    }

    assertThatThrownBy(() -> a.admitKey("k1", 3, null))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.providerCode()).hasValue("requests_per_minute");
              assertThat(e.retryAfter()).isPresent();
            });
  }

  @Test
  void aDatabaseOutageAdmitsOrRefusesAsConfigured() {
    EmbeddedDataSource gone = new EmbeddedDataSource();
    gone.setDatabaseName("memory:no-such-database-" + UUID.randomUUID());

    assertThat(server(gone, "admit").takeRequest("i:x", 5)).isTrue();
    assertThat(server(gone, "refuse").takeRequest("i:x", 5)).isFalse();
  }

  @Test
  void theSliceIsAFractionOfTheLimitAndAtLeastOne() throws SQLException {
    ClusterRateLimits a = server(db, "admit");

    assertThat(a.sliceOf(1)).isEqualTo(1);
    assertThat(a.sliceOf(40)).isEqualTo(2);
    assertThat(a.sliceOf(1000)).isEqualTo(50);
  }
}
