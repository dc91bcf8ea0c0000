package dev.switchboard.routing.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.routing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerConcurrencyTest {

  @Test
  void halfOpenNeverAdmitsMoreThanItsTrialsUnderContention() throws Exception {
    ManualClock clock = new ManualClock();
    CircuitBreaker breaker =
        new CircuitBreaker("a", new CircuitSettings(1, Duration.ofSeconds(1), 3, 1000), clock);
    breaker
        .tryAcquire()
        .orElseThrow()
        .onFailure(ProviderException.builder(ErrorCategory.TIMEOUT, "t").build());
    clock.advance(Duration.ofSeconds(1));

    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 2000; i++) {
                    breaker
                        .tryAcquire()
                        .ifPresent(
                            p -> {
                              admitted.incrementAndGet();
                              most.accumulateAndGet(running.incrementAndGet(), Math::max);
                              running.decrementAndGet();
                              p.release();
                            });
                  }
                },
                pool));
      }
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isBetween(1, 3);
    assertThat(admitted.get()).isPositive();
    assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(breaker.snapshot().trialsInFlight()).isZero();
  }
}
