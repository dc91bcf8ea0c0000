package dev.switchboard.routing.execution;

import static dev.switchboard.routing.execution.SimulatedDeployments.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.circuit.CircuitSettings;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RELIABILITY.md case 3 through the router and the real adapters: Anthropic's 529 {@code
 * overloaded_error}, Bedrock's {@code ThrottlingException} (429) and {@code
 * ServiceUnavailableException} (503) are retried on the same deployment; while they last, the
 * retries stop at the integration's retry budget and the call falls back.
 */
class RetryableUpstreamFaultsTest extends ExecutionFixture {

  private static final Duration IDLE = Duration.ofSeconds(10);

  /** The failing deployment, integration "f": Anthropic or Bedrock with a fault on every call. */
  private Deployment failing(String family, Map<String, String> headers) {
    return family.equals("bedrock")
        ? deployments.bedrock("f", "amazon.nova-pro-v1:0", headers)
        : deployments.deployment("f", family, "sim-model", headers, IDLE);
  }

  private RoutedResponse chat(Route route) {
    return execution.chat(route, hello(), Deadline.after(Duration.ofSeconds(20)), new AttemptLog());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "anthropic, status=529, UNAVAILABLE",
    "bedrock, status=429, RATE_LIMITED",
    "bedrock, status=503, UNAVAILABLE"
  })
  void aPassingFaultIsRetriedOnTheSameDeployment(
      String family, String fault, ErrorCategory category) {
    sim.enqueueFault(family, fault);
    Route route = Route.chain(failing(family, Map.of()), deployments.a("sim-model"));

    RoutedResponse routed = chat(route);

    assertThat(routed.servedBy().integrationId()).isEqualTo("f");
    assertThat(routed.attempts().list())
        .extracting(Attempt::outcome, Attempt::category, Attempt::retryNumber, Attempt::then)
        .containsExactly(
            tuple(Outcome.FAILED, category, 0, Attempt.FollowUp.RETRIED),
            tuple(Outcome.SUCCEEDED, null, 1, Attempt.FollowUp.NONE));
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sim.requestCount(family)).isEqualTo(2);
    assertThat(sim.requestCount("openai")).isZero();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "anthropic, status=529, UNAVAILABLE",
    "bedrock, status=429, RATE_LIMITED",
    "bedrock, status=503, UNAVAILABLE"
  })
  void aLastingFaultIsRetriedWithinTheBudgetThenFallsBack(
      String family, String fault, ErrorCategory category) {
    set(
        "f",
        IntegrationSettings.DEFAULTS
            .withRetry(RetryPolicy.DEFAULTS.withMaxRetries(3))
            .withCircuit(new CircuitSettings(1000, Duration.ofSeconds(60), 1, 1)));
    Route route =
        Route.chain(failing(family, Map.of("X-Sim-Fault", fault)), deployments.a("sim-model"));
    List<Attempt> all = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      RoutedResponse routed = chat(route);
      assertThat(routed.servedBy().integrationId()).isEqualTo("a");
      all.addAll(routed.attempts().list());
    }

    // the first call spends its 3 retries; then the budget (3 + 20% of the calls) runs dry:
    // 10 first attempts + 5 retries, not 10 x (1 + 3)
    assertThat(sim.requestCount(family)).isEqualTo(15);
    assertThat(all)
        .filteredOn(a -> a.integrationId().equals("f"))
        .hasSize(15)
        .allSatisfy(a -> assertThat(a.category()).isEqualTo(category));
    assertThat(all).filteredOn(a -> a.then() == Attempt.FollowUp.RETRIED).hasSize(5);
    assertThat(all)
        .filteredOn(a -> a.then() == Attempt.FollowUp.FELL_BACK_BUDGET_EXHAUSTED)
        .hasSize(9);
    assertThat(guards.budget("f").available()).isZero();
    assertThat(sim.requestCount("openai")).isEqualTo(10);
  }
}
