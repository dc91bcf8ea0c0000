package dev.switchboard.routing.execution;

import static dev.switchboard.routing.execution.SimulatedDeployments.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.circuit.CircuitSettings;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouteBalancingTest extends ExecutionFixture {

  private RoutedResponse chat(Route route) {
    return execution.chat(route, hello(), Deadline.after(Duration.ofSeconds(20)));
  }

  @Test
  void equivalentDeploymentsShareTrafficByWeight() {
    Route route =
        Route.balanced(
            deployments.a("sim-model").withWeight(3), deployments.b("sim-model").withWeight(1));
    for (int i = 0; i < 80; i++) {
      chat(route);
    }
    assertThat(sim.requestCount("openai")).isBetween(48L, 72L);
    assertThat(sim.requestCount("anthropic")).isBetween(8L, 32L);
    assertThat(sim.requestCount("openai") + sim.requestCount("anthropic")).isEqualTo(80);
  }

  @Test
  void deploymentWithAnOpenCircuitTakesNoTrafficFromItsTier() {
    set(
        "a",
        IntegrationSettings.DEFAULTS
            .withRetry(RetryPolicy.NONE)
            .withCircuit(new CircuitSettings(1, Duration.ofSeconds(60), 1, 1)));
    Deployment failing =
        deployments
            .faulty("a", "openai", "sim-model", "status=503", Duration.ofSeconds(10))
            .withWeight(100);
    Route route = Route.balanced(failing, deployments.b("sim-model").withWeight(1));

    chat(route);
    for (int i = 0; i < 10; i++) {
      RoutedResponse routed = chat(route);
      assertThat(routed.servedBy().integrationId()).isEqualTo("b");
      assertThat(routed.attempts().list())
          .as("the open deployment is ordered last, so it is not even reached")
          .extracting(Attempt::outcome)
          .containsExactly(Outcome.SUCCEEDED);
    }
    assertThat(sim.requestCount("openai")).isEqualTo(1);
  }

  @Test
  void unknownModelOnOneDeploymentFallsBackWithoutRetryOrCircuitCount() {
    RoutedResponse routed =
        chat(Route.chain(deployments.a("missing-model"), deployments.b("sim-model")));

    assertThat(routed.servedBy().integrationId()).isEqualTo("b");
    assertThat(routed.attempts().list().get(0).category()).isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(guards.circuit("a").snapshot().consecutiveFailures()).isZero();
  }
}
