package dev.switchboard.routing.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.CallRecord;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.routing.execution.Attempt;
import dev.switchboard.routing.execution.Attempts;
import dev.switchboard.routing.execution.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingStatsTest {

  @Test
  void deploymentsAndTheSummaryCountAttemptsRetriesFallbacksAndTokens() {
    RoutingStats stats = new RoutingStats();
    Attempts fellBack =
        new Attempts(
            List.of(
                attempt(
                    "a/m",
                    "a",
                    Outcome.FAILED,
                    ErrorCategory.UNAVAILABLE,
                    0,
                    10,
                    Attempt.FollowUp.RETRIED),
                attempt(
                    "a/m",
                    "a",
                    Outcome.FAILED,
                    ErrorCategory.UNAVAILABLE,
                    1,
                    30,
                    Attempt.FollowUp.FELL_BACK),
                attempt("b/m", "b", Outcome.SUCCEEDED, null, 0, 20, Attempt.FollowUp.NONE)));
    stats.record(call(null, 100, 20), fellBack);
    stats.record(call(ErrorCategory.BAD_REQUEST, 0, 0), new Attempts(List.of()));

    RoutingStats.Summary s = stats.summary(3, 1);
    assertThat(s.calls()).isEqualTo(2);
    assertThat(s.successRate()).isEqualTo(0.5);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.fallbacks()).isEqualTo(1);
    assertThat(s.inputTokens()).isEqualTo(100);
    assertThat(s.cacheHitRate()).isEqualTo(0.75);

    List<RoutingStats.DeploymentStats> d =
        stats.deployments(id -> id.equals("a") ? "OPEN" : "CLOSED");
    assertThat(d)
        .extracting(RoutingStats.DeploymentStats::deploymentId)
        .containsExactly("a/m", "b/m");
    assertThat(d.get(0).requests()).isEqualTo(2);
    assertThat(d.get(0).failures()).isEqualTo(2);
    assertThat(d.get(0).averageLatencyMs()).isEqualTo(20.0);
    assertThat(d.get(0).circuitState()).isEqualTo("OPEN");
    assertThat(d.get(1).successes()).isEqualTo(1);
    assertThat(d.get(1).lastUsed()).isNotNull();
  }

  private static Attempt attempt(
      String id,
      String integration,
      Outcome o,
      ErrorCategory c,
      int retry,
      long ms,
      Attempt.FollowUp then) {
    return new Attempt(
        id, integration, "m", o, c, retry, Duration.ZERO, Duration.ofMillis(ms), then, Usage.NONE);
  }

  private static CallRecord call(ErrorCategory error, long in, long out) {
    return new CallRecord(
        "req",
        Instant.now(),
        CallContext.of("w", "c"),
        CallRecord.Kind.CHAT,
        "b",
        "openai",
        "m",
        Usage.of(in, out, UsageSource.REPORTED),
        Duration.ofMillis(5),
        null,
        1,
        error,
        false);
  }
}
