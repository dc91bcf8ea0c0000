package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.simulator.Simulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connect, idle and total deadlines fire on their own and are told apart by their code; the JDK
 * client has no idle or whole-body deadline, so these prove the transport's.
 */
class TimeoutTest {

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static Endpoint endpoint(String provider, String fault, Duration idle, Duration total) {
    return SimulatedProviders.endpoint(sim, provider)
        .timeouts(Duration.ofSeconds(2), idle, total)
        .extraHeaders(Map.of("X-Sim-Fault", fault))
        .build();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "anthropic", "gemini", "cohere", "ollama", "azure-openai"})
  void acceptedConnectionThatNeverAnswersIsAnIdleTimeout(String provider) {
    long start = System.nanoTime();
    ProviderException e =
        chatFailure(provider, endpoint(provider, "hang", Duration.ofMillis(300), seconds(20)));

    assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(e.providerCode()).contains("idle_timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void hangingStreamReachesTheListenerAsAnIdleTimeout() throws Exception {
    RecordingListener listener = new RecordingListener();
    adapter("openai").stream(
        endpoint("openai", "hang", Duration.ofMillis(300), seconds(20)), hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.providerCode()).contains("idle_timeout");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "anthropic", "gemini", "cohere", "ollama"})
  void streamDrippingSlowerThanTheIdleTimeoutFailsWithUsageSoFar(String provider) throws Exception {
    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(
        endpoint(provider, "drip=1000", Duration.ofMillis(300), seconds(20)), hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(listener.error.providerCode()).contains("idle_timeout");
    assertThat(listener.usage).isNotNull();
  }

  @Test
  void bodyDrippingOneByteAtATimeHitsTheTotalDeadlineThoughNeverIdle() {
    long start = System.nanoTime();
    // one byte every 50 ms never trips a 1 s idle timeout; the 1.5 s total deadline must fire
    ProviderException e =
        chatFailure(
            "openai",
            endpoint("openai", "drip=50", Duration.ofSeconds(1), Duration.ofMillis(1500)));

    assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
    assertThat(e.providerCode()).contains("total_timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void streamOutlivingTheTotalDeadlineIsCut() throws Exception {
    RecordingListener listener = new RecordingListener();
    Endpoint endpoint =
        SimulatedProviders.endpoint(sim, "anthropic")
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(1200))
            .extraHeaders(Map.of("X-Sim-Tokens", "50", "X-Sim-Delay-Ms", "100"))
            .build();

    adapter("anthropic").stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.error.providerCode()).contains("total_timeout");
    assertThat(listener.text()).isNotEmpty();
    assertThat(listener.usage.source())
        .isEqualTo(dev.switchboard.core.usage.UsageSource.INCOMPLETE);
  }

  @Test
  void hostThatNeverAcceptsIsAConnectTimeoutNotAnIdleOne() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillBacklog(full);
      try {
        Endpoint endpoint =
            SimulatedProviders.onLoopback("openai")
                .baseUrl("http://127.0.0.1:" + full.getLocalPort() + "/v1")
                .apiKey("k")
                .timeouts(Duration.ofMillis(300), Duration.ofSeconds(5), seconds(20))
                .build();

        ProviderException e = chatFailure("openai", endpoint);

        assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(e.providerCode()).contains("connect_timeout");
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void closedPortIsUnavailableAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Endpoint endpoint =
        SimulatedProviders.onLoopback("openai")
            .baseUrl("http://127.0.0.1:" + port + "/v1")
            .apiKey("k")
            .build();

    ProviderException e = chatFailure("openai", endpoint);

    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(e.providerCode()).contains("connect_failed");
  }

  /** Connects until the listen queue is full, so further SYNs go unanswered. */
  private static List<Socket> fillBacklog(ServerSocket server) throws IOException {
    List<Socket> fillers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
        fillers.add(s);
      } catch (SocketTimeoutException queueFull) {
        s.close();
        return fillers;
      }
    }
    throw new AssertionError("the listen queue never filled up; cannot stage a connect timeout");
  }

  private static ProviderException chatFailure(String provider, Endpoint endpoint) {
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> adapter(provider).chat(endpoint, hello()));
    assertThat(e).isNotNull();
    return e;
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
