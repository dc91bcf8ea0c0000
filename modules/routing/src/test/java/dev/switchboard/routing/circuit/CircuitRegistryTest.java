package dev.switchboard.routing.circuit;

import static dev.switchboard.routing.circuit.CircuitBreakerTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.routing.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CircuitRegistryTest {

  private final ManualClock clock = new ManualClock();
  private final Map<String, CircuitSettings> settings = new ConcurrentHashMap<>();
  private final CircuitRegistry registry =
      new CircuitRegistry(id -> settings.getOrDefault(id, CircuitSettings.DEFAULTS), clock);

  private void failTimes(String id, int times) {
    for (int i = 0; i < times; i++) {
      registry.circuit(id).tryAcquire().orElseThrow().onFailure(error(ErrorCategory.UNAVAILABLE));
    }
  }

  @Test
  void oneIntegrationsOpenCircuitLeavesAnotherUntouched() {
    failTimes("provider-a", 5);
    assertThat(registry.circuit("provider-a").state()).isEqualTo(CircuitState.OPEN);
    assertThat(registry.circuit("provider-b").state()).isEqualTo(CircuitState.CLOSED);
    assertThat(registry.circuit("provider-b").tryAcquire()).isPresent();
  }

  @Test
  void settingsChangedAtRuntimeApplyToThatIntegrationOnly() {
    settings.put("a", new CircuitSettings(2, Duration.ofSeconds(5), 1, 1));
    failTimes("a", 2);
    failTimes("b", 2);
    assertThat(registry.circuit("a").state()).isEqualTo(CircuitState.OPEN);
    assertThat(registry.circuit("b").state()).isEqualTo(CircuitState.CLOSED);
    clock.advance(Duration.ofSeconds(5));
    assertThat(registry.circuit("a").state()).isEqualTo(CircuitState.HALF_OPEN);

    settings.put("b", new CircuitSettings(3, Duration.ofSeconds(5), 1, 1));
    failTimes("b", 1);
    assertThat(registry.circuit("b").state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void resetClosesOnlyTheNamedCircuitAndSnapshotListsEvery() {
    failTimes("a", 5);
    failTimes("b", 5);
    registry.reset("a");
    assertThat(registry.snapshot())
        .extracting(CircuitSnapshot::integrationId, CircuitSnapshot::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", CircuitState.CLOSED),
            org.assertj.core.groups.Tuple.tuple("b", CircuitState.OPEN));
    assertThat(registry.snapshot().get(1).openedAt()).contains(clock.instant());
  }
}
