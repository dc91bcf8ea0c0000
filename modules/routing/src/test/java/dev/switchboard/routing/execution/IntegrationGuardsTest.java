package dev.switchboard.routing.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.ManualClock;
import dev.switchboard.routing.circuit.CircuitSettings;
import dev.switchboard.routing.retry.BudgetSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class IntegrationGuardsTest {

  private final Map<String, IntegrationSettings> settings = new ConcurrentHashMap<>();
  private final IntegrationGuards guards =
      new IntegrationGuards(
          id -> settings.getOrDefault(id, IntegrationSettings.DEFAULTS), new ManualClock());

  @Test
  void eachIntegrationHasItsOwnStateAndSettingsChangedAtRuntimeApplyToItAlone() {
    assertThat(guards.limit("a")).isNotSameAs(guards.limit("b"));
    assertThat(guards.circuit("a")).isNotSameAs(guards.circuit("b"));
    assertThat(guards.budget("a")).isNotSameAs(guards.budget("b"));
    var limitOfA = guards.limit("a");

    settings.put(
        "a",
        IntegrationSettings.DEFAULTS
            .withMaxConcurrent(2)
            .withCircuit(new CircuitSettings(1, Duration.ofSeconds(5), 2, 1))
            .withBudget(new BudgetSettings(0.5, 0, Duration.ofSeconds(1))));

    assertThat(guards.limit("a")).isSameAs(limitOfA);
    assertThat(guards.limit("a").max()).isEqualTo(2);
    assertThat(guards.circuit("a").settings().failureThreshold()).isEqualTo(1);
    assertThat(guards.budget("a").settings().ratio()).isEqualTo(0.5);
    assertThat(guards.limit("b").max()).isEqualTo(64);
    assertThat(guards.circuit("b").settings()).isEqualTo(CircuitSettings.DEFAULTS);
    assertThat(guards.budget("b").settings()).isEqualTo(BudgetSettings.DEFAULTS);
  }
}
