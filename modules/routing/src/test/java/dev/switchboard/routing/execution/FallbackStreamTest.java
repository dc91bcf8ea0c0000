package dev.switchboard.routing.execution;

import static dev.switchboard.routing.execution.SimulatedDeployments.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.providers.StreamHandle;
import dev.switchboard.routing.Deployment;
import dev.switchboard.routing.Route;
import dev.switchboard.routing.deadline.Deadline;
import dev.switchboard.routing.retry.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackStreamTest extends ExecutionFixture {

  /** The simulator's default reply of 8 tokens. */
  private static final String EIGHT_TOKENS =
      "Hello from the Switchboard simulator h\u00e9llo \uD83C\uDF0D done ";

  private static final Duration IDLE = Duration.ofSeconds(10);

  private StreamHandle stream(Route route, StreamRecorder recorder, AttemptLog log) {
    return execution.stream(route, hello(), Deadline.after(Duration.ofSeconds(20)), recorder, log);
  }

  @Test
  void failureBeforeTheFirstTokenFallsBackUnseenByTheCaller() throws Exception {
    set("a", IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE));
    Deployment a = deployments.faulty("a", "openai", "sim-model", "status=500", IDLE);
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();

    stream(Route.chain(a, deployments.b("sim-model")), recorder, log);

    assertThat(recorder.await()).isEqualTo("complete");
    assertThat(recorder.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(recorder.terminalCalls).hasValue(1);
    assertThat(log.snapshot().list())
        .extracting(Attempt::integrationId, Attempt::outcome, Attempt::then)
        .containsExactly(
            tuple("a", Outcome.FAILED, Attempt.FollowUp.FELL_BACK),
            tuple("b", Outcome.SUCCEEDED, Attempt.FollowUp.NONE));
  }

  @Test
  void failureBeforeTheFirstTokenIsRetriedAfterRetryAfterWithoutDuplicatingTokens()
      throws Exception {
    sim.enqueueFault("openai", "status=429;retry-after=1");
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();

    stream(Route.chain(deployments.a("sim-model"), deployments.b("sim-model")), recorder, log);

    assertThat(recorder.await()).isEqualTo("complete");
    assertThat(recorder.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    assertThat(log.snapshot().calledDeployments()).containsExactly("a/sim-model", "a/sim-model");
    assertThat(sim.requestCount("anthropic")).isZero();
  }

  @Test
  void midStreamErrorAfterTheFirstTokenReachesTheCallerAsAStreamErrorNotAFallback()
      throws Exception {
    Deployment a = deployments.faulty("a", "openai", "sim-model", "stream-error-after=3", IDLE);
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();

    stream(Route.chain(a, deployments.b("sim-model")), recorder, log);

    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.textEvents()).isEqualTo(3);
    assertThat(recorder.text()).isEqualTo("Hello from the ");
    assertThat(recorder.terminalCalls).hasValue(1);
    assertThat(sim.requestCount("openai")).isEqualTo(1);
    assertThat(sim.requestCount("anthropic")).isZero();
    assertThat(log.snapshot().list())
        .extracting(Attempt::outcome, Attempt::then)
        .containsExactly(tuple(Outcome.FAILED, Attempt.FollowUp.GAVE_UP));
  }

  @Test
  void connectionResetAfterTheFirstTokenIsAStreamErrorNeverARestart() throws Exception {
    Deployment a = deployments.faulty("a", "anthropic", "sim-model", "reset-after=2", IDLE);
    StreamRecorder recorder = new StreamRecorder();

    stream(
        Route.chain(a, deployments.faulty("b", "openai", "sim-model", "status=500", IDLE)),
        recorder,
        new AttemptLog());

    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.text()).isEqualTo("Hello from ");
    assertThat(sim.requestCount("anthropic")).isEqualTo(1);
    assertThat(sim.requestCount("openai")).isZero();
  }

  @Test
  void streamWithNoDeploymentLeftEndsWithOneErrorNamingTheLastFailure() throws Exception {
    set("a", IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE));
    set("b", IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE));
    StreamRecorder recorder = new StreamRecorder();

    stream(
        Route.chain(
            deployments.faulty("a", "openai", "sim-model", "status=500", IDLE),
            deployments.faulty("b", "anthropic", "sim-model", "status=529", IDLE)),
        recorder,
        new AttemptLog());

    assertThat(recorder.await()).isEqualTo("error");
    assertThat(recorder.events).isEmpty();
    assertThat(recorder.error.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(recorder.error.getMessage()).contains("all deployments failed", "integration b");
    assertThat(recorder.terminalCalls).hasValue(1);
  }

  @Test
  void cancelReachesTheUpstreamAttemptAndFreesItsSlot() throws Exception {
    Deployment slow =
        deployments.deployment("a", "openai", "sim-model", Map.of("X-Sim-Delay-Ms", "300"), IDLE);
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();

    StreamHandle handle = stream(Route.chain(slow, deployments.b("sim-model")), recorder, log);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.textEvents() >= 1);
    handle.cancel();

    assertThat(recorder.await()).isEqualTo("cancelled");
    assertThat(recorder.textEvents()).isLessThan(8);
    await().atMost(Duration.ofSeconds(5)).until(() -> guards.limit("a").inFlight() == 0);
    assertThat(log.snapshot().list())
        .extracting(Attempt::outcome)
        .containsExactly(Outcome.CANCELLED);
    assertThat(sim.requestCount("anthropic")).isZero();
    assertThat(handle.completion()).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void usageReportedByAnAttemptThatFailedBeforeItsFirstTokenNeverReachesTheCaller()
      throws Exception {
    StreamRecorder direct = new StreamRecorder();
    stream(Route.chain(deployments.a("sim-model")), direct, new AttemptLog());
    assertThat(direct.await()).isEqualTo("complete");

    Deployment failsAfterItsUsage =
        deployments.faulty("b", "anthropic", "sim-model", "stream-error-after=0", IDLE);
    set("b", IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE));
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();
    stream(Route.chain(failsAfterItsUsage, deployments.a("sim-model")), recorder, log);

    assertThat(recorder.await()).isEqualTo("complete");
    assertThat(recorder.events).isEqualTo(direct.events);
    assertThat(log.snapshot().list().get(0).then()).isEqualTo(Attempt.FollowUp.FELL_BACK);
    assertThat(log.snapshot().list().get(0).usage().inputTokens())
        .as("the failed attempt's usage is kept in the attempts")
        .isPositive();
  }

  @Test
  void hangingFirstDeploymentOfAStreamFallsBackWithinTheDeadline() throws Exception {
    set("a", IntegrationSettings.DEFAULTS.withRetry(RetryPolicy.NONE));
    Deployment hanging =
        deployments.faulty("a", "openai", "sim-model", "hang", Duration.ofMillis(500));
    StreamRecorder recorder = new StreamRecorder();
    AttemptLog log = new AttemptLog();
    long start = System.nanoTime();

    execution.stream(
        Route.chain(hanging, deployments.b("sim-model")),
        hello(),
        Deadline.after(Duration.ofSeconds(10)),
        recorder,
        log);

    assertThat(recorder.await()).isEqualTo("complete");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    assertThat(recorder.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(log.snapshot().list())
        .extracting(Attempt::integrationId, Attempt::outcome, Attempt::category)
        .containsExactly(
            tuple("a", Outcome.FAILED, ErrorCategory.TIMEOUT), tuple("b", Outcome.SUCCEEDED, null));
  }
}
