package dev.switchboard.routing.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.error.ErrorCategory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  @Test
  void admitsUpToTheLimitAndRefusesTheNext() {
    ConcurrencyLimit limit = new ConcurrencyLimit("a", 2);
    Optional<ConcurrencyLimit.Slot> one = limit.tryAcquire();
    Optional<ConcurrencyLimit.Slot> two = limit.tryAcquire();
    assertThat(one).isPresent();
    assertThat(two).isPresent();
    assertThat(limit.tryAcquire()).isEmpty();
    one.get().close();
    one.get().close();
    assertThat(limit.inFlight()).isEqualTo(1);
    assertThat(limit.tryAcquire()).isPresent();
  }

  @Test
  void refusalIsAnUnavailableFailureSoRoutingFallsBack() {
    ConcurrencyLimit limit = new ConcurrencyLimit("slow-one", 1);
    assertThat(limit.refusal().category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(limit.refusal().providerCode()).contains(ConcurrencyLimit.REFUSED_CODE);
    assertThat(limit.refusal().getMessage()).contains("slow-one");
  }

  @Test
  void waitingForASlotIsBoundedAndEndsInARefusal() {
    ConcurrencyLimit limit = new ConcurrencyLimit("a", 1);
    limit.tryAcquire().orElseThrow();
    long start = System.nanoTime();
    assertThat(limit.acquire(Duration.ofMillis(100))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(90))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void waiterGetsTheSlotAsSoonAsItIsFreed() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit("a", 1);
    ConcurrencyLimit.Slot held = limit.tryAcquire().orElseThrow();
    CompletableFuture<Optional<ConcurrencyLimit.Slot>> waiter =
        CompletableFuture.supplyAsync(() -> limit.acquire(Duration.ofSeconds(20)));
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !waiter.isDone());
    held.close();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isPresent();
  }

  @Test
  void raisingTheLimitAtRuntimeAdmitsMore() {
    ConcurrencyLimit limit = new ConcurrencyLimit("a", 1);
    limit.tryAcquire().orElseThrow();
    assertThat(limit.tryAcquire()).isEmpty();
    limit.resize(2);
    assertThat(limit.tryAcquire()).isPresent();
    limit.resize(1);
    assertThat(limit.tryAcquire()).isEmpty();
  }
}
