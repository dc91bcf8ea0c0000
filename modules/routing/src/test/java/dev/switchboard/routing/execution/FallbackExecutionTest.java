package dev.switchboard.routing.execution;

import static dev.switchboard.routing.execution.SimulatedDeployments.hello;
import static dev.switchboard.routing.execution.SimulatedDeployments.longPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.circuit.CircuitSettings;
import dev.switchboard.routing.circuit.CircuitState;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.retry.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FallbackExecutionTest extends ExecutionFixture {

  private static final Duration IDLE = Duration.ofSeconds(10);

  private RoutedResponse chat(Route route, AttemptLog log) {
    return execution.chat(route, hello(), Deadline.after(Duration.ofSeconds(20)), log);
  }

  private IntegrationSettings noRetries() {
    return IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE);
  }

  @Test
  void serverErrorFromTheFirstDeploymentFallsBackToTheSecond() {
    set("a", noRetries());
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=500", IDLE);
    Deployment b = deployments.b("sim-model");

    RoutedResponse routed =
        execution.chat(Route.chain(a, b), hello(), Deadline.after(Duration.ofSeconds(20)));

    assertThat(routed.servedBy()).isEqualTo(b);
    assertThat(routed.response().text()).startsWith("Hello from the Switchboard");
    assertThat(routed.attempts().list())
        .extracting(Attempt::deploymentId, Attempt::outcome, Attempt::category, Attempt::then)
        .containsExactly(
            tuple(
                "a/sim-model",
                Outcome.FAILED,
                ErrorCategory.UNAVAILABLE,
                Attempt.FollowUp.FELL_BACK),
            tuple("b/sim-model", Outcome.SUCCEEDED, null, Attempt.FollowUp.NONE));
    assertThat(routed.attempts().fellBack()).isTrue();
    assertThat(sim.requestCount("openai")).isEqualTo(1);
  }

  @Test
  void rateLimitIsRetriedOnTheSameDeploymentAfterItsRetryAfter() {
    sim.enqueueFault("openai", "status=429;retry-after=2");
    RoutedResponse routed =
        chat(Route.chain(deployments.a("sim-model"), deployments.b("sim-model")), new AttemptLog());

    assertThat(routed.servedBy().integrationId()).isEqualTo("a");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    assertThat(routed.attempts().list())
        .extracting(Attempt::outcome, Attempt::retryNumber, Attempt::then)
        .containsExactly(
            tuple(Outcome.FAILED, 0, Attempt.FollowUp.RETRIED),
            tuple(Outcome.SUCCEEDED, 1, Attempt.FollowUp.NONE));
    assertThat(routed.attempts().list().get(1).waitBefore()).isEqualTo(Duration.ofSeconds(2));
    assertThat(sim.requestCount("anthropic")).isZero();
  }

  @Test
  void retryAfterLongerThanTheCapIsWaitedOnlyUpToTheCap() {
    set(
        "a",
        IntegrationSettings.DEFAULTS.withRetry(
            new RetryPolicy(
                2,
                Duration.ofMillis(250),
                Duration.ofSeconds(8),
                dev.switchboard.routing.retry.Jitter.FULL,
                Duration.ofSeconds(5))));
    sim.enqueueFault("openai", "status=429;retry-after=120");

    RoutedResponse routed = chat(Route.chain(deployments.a("sim-model")), new AttemptLog());

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(5));
    assertThat(routed.attempts().retries()).isEqualTo(1);
  }

  @Test
  void retryAfterBeyondTheDeadlineFallsBackInsteadOfWaiting() {
    sim.enqueueFault("openai", "status=429;retry-after=10");
    RoutedResponse routed =
        execution.chat(
            Route.chain(deployments.a("sim-model"), deployments.b("sim-model")),
            hello(),
            Deadline.after(Duration.ofSeconds(5)));

    assertThat(sleeper.waits()).isEmpty();
    assertThat(routed.servedBy().integrationId()).isEqualTo("b");
  }

  @Test
  void shouldRetryFalseIsObeyed() {
    sim.enqueueFault("openai", "status=503;should-retry=false");
    RoutedResponse routed =
        chat(Route.chain(deployments.a("sim-model"), deployments.b("sim-model")), new AttemptLog());

    assertThat(sleeper.waits()).isEmpty();
    assertThat(sim.requestCount("openai")).isEqualTo(1);
    assertThat(routed.servedBy().integrationId()).isEqualTo("b");
  }

  @Test
  void insufficientQuotaIsNeitherRetriedNorCountedByTheCircuit() {
    set(
        "a",
        IntegrationSettings.DEFAULTS.withCircuit(
            new CircuitSettings(1, Duration.ofSeconds(60), 1, 1)));
    Deployment a =
        deployments.faulty("a", "openai", "sim-model", "status=429;code=insufficient_quota", IDLE);
    Route route = Route.chain(a, deployments.b("sim-model"));

    for (int i = 0; i < 3; i++) {
      RoutedResponse routed = chat(route, new AttemptLog());
      assertThat(routed.servedBy().integrationId()).isEqualTo("b");
      assertThat(routed.attempts().list().get(0).category())
          .isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
    }
    assertThat(sim.requestCount("openai")).isEqualTo(3);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(guards.circuit("a").state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void callerErrorEndsTheCallWithoutFallbackAndLeavesTheCircuitClosed() {
    set(
        "a",
        IntegrationSettings.DEFAULTS.withCircuit(
            new CircuitSettings(1, Duration.ofSeconds(60), 1, 1)));
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=400", IDLE);
    AttemptLog log = new AttemptLog();

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> chat(Route.chain(a, deployments.b("sim-model")), log));

    assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
    assertThat(sim.requestCount("anthropic")).isZero();
    assertThat(log.snapshot().list())
        .extracting(Attempt::then)
        .containsExactly(Attempt.FollowUp.GAVE_UP);
    assertThat(guards.circuit("a").state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void openCircuitOfOneIntegrationIsSkippedAtOnceAndLeavesTheOtherUntouched() {
    set("a", noRetries().withCircuit(new CircuitSettings(2, Duration.ofSeconds(60), 1, 1)));
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=500", IDLE);
    Route route = Route.chain(a, deployments.b("sim-model"));
    chat(route, new AttemptLog());
    chat(route, new AttemptLog());
    assertThat(guards.circuit("a").state()).isEqualTo(CircuitState.OPEN);

    RoutedResponse third = chat(route, new AttemptLog());

    assertThat(third.attempts().list())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.SKIPPED_CIRCUIT_OPEN, Outcome.SUCCEEDED);
    assertThat(sim.requestCount("openai")).isEqualTo(2);
    assertThat(sim.requestCount("anthropic")).isEqualTo(3);
    assertThat(guards.circuit("b").state()).isEqualTo(CircuitState.CLOSED);
    assertThat(guards.circuit("b").snapshot().timesOpened()).isZero();
  }

  @Test
  void retryBudgetStopsARetryStorm() {
    set(
        "a",
        IntegrationSettings.DEFAULTS
            .withRetry(RetryPolicy.DEFAULTS.withMaxRetries(3))
            .withCircuit(new CircuitSettings(1000, Duration.ofSeconds(60), 1, 1)));
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=503", IDLE);
    Route route = Route.chain(a, deployments.b("sim-model"));
    java.util.List<Attempt> all = new java.util.ArrayList<>();

    for (int i = 0; i < 10; i++) {
      RoutedResponse routed = chat(route, new AttemptLog());
      assertThat(routed.servedBy().integrationId()).isEqualTo("b");
      all.addAll(routed.attempts().list());
    }

    // without a budget: 10 calls x (1 + 3 retries) = 40 requests; with it 10 + (20% of 10 + 3)
    assertThat(sim.requestCount("openai")).isEqualTo(15);
    assertThat(all)
        .filteredOn(x -> x.then() == Attempt.FollowUp.FELL_BACK_BUDGET_EXHAUSTED)
        .hasSize(9);
    assertThat(guards.budget("a").available()).isZero();
  }

  @Test
  void oneDeadlineCoversTheHangingFirstDeploymentAndTheFallback() {
    set("a", noRetries());
    Deployment hanging =
        deployments.faulty("a", "openai", "sim-model", "hang", Duration.ofMillis(500));
    long start = System.nanoTime();

    RoutedResponse routed =
        execution.chat(
            Route.chain(hanging, deployments.b("sim-model")),
            hello(),
            Deadline.after(Duration.ofSeconds(10)));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    assertThat(routed.attempts().list())
        .extracting(Attempt::integrationId, Attempt::outcome, Attempt::category)
        .containsExactly(
            tuple("a", Outcome.FAILED, ErrorCategory.TIMEOUT), tuple("b", Outcome.SUCCEEDED, null));
  }

  @Test
  void callEndsByItsDeadlineWhenEveryDeploymentHangs() {
    Deployment a = deployments.faulty("a", "openai", "sim-model", "hang", Duration.ofSeconds(60));
    Deployment b =
        deployments.faulty("b", "anthropic", "sim-model", "hang", Duration.ofSeconds(60));
    AttemptLog log = new AttemptLog();
    long start = System.nanoTime();

    ProviderException e =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                execution.chat(
                    Route.chain(a, b), hello(), Deadline.after(Duration.ofMillis(1500)), log));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(1400))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(e.providerCode()).contains("deadline_exceeded");
    assertThat(log.snapshot().list().get(0))
        .extracting(Attempt::outcome, Attempt::category)
        .containsExactly(Outcome.FAILED, ErrorCategory.TIMEOUT);
    assertThat(log.snapshot().list()).last().extracting(Attempt::integrationId).isEqualTo("b");
  }

  @Test
  void slowIntegrationAtItsConcurrencyLimitDoesNotBlockCallsToAnother() throws Exception {
    set("a", noRetries().withMaxConcurrent(1).withMaxQueueWait(Duration.ofSeconds(10)));
    Deployment slow = deployments.faulty("a", "openai", "sim-model", "latency=5000", IDLE);
    var inFlight = executor.submit(() -> chat(Route.chain(slow), new AttemptLog()));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> guards.limit("a").inFlight() == 1);

    long start = System.nanoTime();
    RoutedResponse viaFallback =
        chat(Route.chain(slow, deployments.b("sim-model")), new AttemptLog());
    RoutedResponse direct = chat(Route.chain(deployments.b("sim-model")), new AttemptLog());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(viaFallback.attempts().list())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.SKIPPED_CONCURRENCY_LIMIT, Outcome.SUCCEEDED);
    assertThat(direct.servedBy().integrationId()).isEqualTo("b");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(inFlight.isDone()).isFalse();
    assertThat(inFlight.get(20, java.util.concurrent.TimeUnit.SECONDS).servedBy().integrationId())
        .isEqualTo("a");
    assertThat(sim.requestCount("openai")).isEqualTo(1);
  }

  @Test
  void promptTooLongForATinyModelFallsBackToALargerContext() {
    Deployment tiny = deployments.a("sim-tiny");
    Deployment large = deployments.a("sim-model").withContextWindow(128_000);
    AttemptLog log = new AttemptLog();

    RoutedResponse routed =
        execution.chat(
            Route.chain(tiny, large), longPrompt(60), Deadline.after(Duration.ofSeconds(20)), log);

    assertThat(routed.servedBy()).isEqualTo(large);
    assertThat(routed.attempts().list())
        .extracting(Attempt::deploymentId, Attempt::outcome, Attempt::category)
        .containsExactly(
            tuple("a/sim-tiny", Outcome.FAILED, ErrorCategory.CONTEXT_LENGTH_EXCEEDED),
            tuple("a/sim-model", Outcome.SUCCEEDED, null));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void deploymentKnownTooSmallForThePromptIsSkippedWithoutACall() {
    Deployment tiny = deployments.a("sim-tiny").withContextWindow(50);
    RoutedResponse routed =
        execution.chat(
            Route.chain(tiny, deployments.b("sim-model")),
            longPrompt(60),
            Deadline.after(Duration.ofSeconds(20)));

    assertThat(routed.attempts().list())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.SKIPPED_CONTEXT_WINDOW, Outcome.SUCCEEDED);
    assertThat(sim.requestCount("openai")).isZero();
    assertThat(
            execution
                .chat(Route.chain(tiny), hello(), Deadline.after(Duration.ofSeconds(20)))
                .servedBy())
        .as("a short prompt still fits")
        .isEqualTo(tiny);
  }

  @Test
  void whenEveryDeploymentFailsTheLastFailureIsReportedClearly() {
    set("a", noRetries());
    set("b", noRetries());
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=500", IDLE);
    Deployment b = deployments.faulty("b", "anthropic", "sim-model", "status=529", IDLE);
    AttemptLog log = new AttemptLog();

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> chat(Route.chain(a, b), log));

    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.getMessage())
        .contains("all deployments failed", "2 upstream call", "integration b");
    assertThat(e.getCause()).isInstanceOf(ProviderException.class);
    assertThat(log.snapshot().calledDeployments()).containsExactly("a/sim-model", "b/sim-model");
  }

  @Test
  void whenEveryCircuitIsOpenTheCallFailsAsUnavailableWithoutCallingAnyone() {
    CircuitSettings eager = new CircuitSettings(1, Duration.ofSeconds(60), 1, 1);
    set("a", noRetries().withCircuit(eager));
    set("b", noRetries().withCircuit(eager));
    Route route =
        Route.chain(
            deployments.faulty("a", "openai", "sim-model", "status=500", IDLE),
            deployments.faulty("b", "anthropic", "sim-model", "status=500", IDLE));
    catchThrowableOfType(ProviderException.class, () -> chat(route, new AttemptLog()));

    ProviderException e =
        catchThrowableOfType(ProviderException.class, () -> chat(route, new AttemptLog()));

    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.getMessage()).contains("all deployments unavailable");
    assertThat(sim.requestCount("openai") + sim.requestCount("anthropic")).isEqualTo(2);
  }
}
