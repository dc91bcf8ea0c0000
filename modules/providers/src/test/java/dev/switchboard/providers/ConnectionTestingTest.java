package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.simulator.Simulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** testConnection says which step failed: reachability, credentials, model access. */
class ConnectionTestingTest {

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("dev.switchboard.providers.SimulatedProviders#all")
  void workingEndpointPassesEveryStepWithALatency(String provider) {
    ConnectionTestResult r =
        adapter(provider).testConnection(endpoint(sim, provider).build(), SimulatedProviders.MODEL);

    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.reachable()).isTrue();
    assertThat(r.authenticated()).isTrue();
    assertThat(r.modelAccessible()).isTrue();
    assertThat(r.latency()).isPositive();
  }

  @Test
  void wrongKeyIsReachableButNotAuthenticated() {
    ConnectionTestResult r =
        adapter("anthropic")
            .testConnection(endpoint(sim, "anthropic").apiKey("wrong").build(), "sim-model");

    assertThat(r.reachable()).isTrue();
    assertThat(r.authenticated()).isFalse();
    assertThat(r.modelAccessible()).isFalse();
    assertThat(r.failureCategory()).contains(ErrorCategory.AUTHENTICATION);
  }

  @Test
  void unknownModelIsAuthenticatedButNotAccessible() {
    ConnectionTestResult r =
        adapter("gemini").testConnection(endpoint(sim, "gemini").build(), "missing-model");

    assertThat(r.reachable()).isTrue();
    assertThat(r.authenticated()).isTrue();
    assertThat(r.modelAccessible()).isFalse();
    assertThat(r.failureCategory()).contains(ErrorCategory.MODEL_NOT_FOUND);
  }

  @Test
  void closedPortIsNotReachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Endpoint endpoint =
        SimulatedProviders.onLoopback("ollama")
            .baseUrl("http://127.0.0.1:" + port)
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2))
            .build();

    ConnectionTestResult r = adapter("ollama").testConnection(endpoint, "llama3.2");

    assertThat(r.reachable()).isFalse();
    assertThat(r.authenticated()).isFalse();
    assertThat(r.failureCategory()).contains(ErrorCategory.UNAVAILABLE);
  }
}
