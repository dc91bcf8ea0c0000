package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.EIGHT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpointWith;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.simulator.Simulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams are delivered as they arrive, can be cancelled, and decode intact. */
class StreamDeliveryTest {

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<String> families() {
    return SimulatedProviders.families();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void firstTokenReachesTheListenerLongBeforeTheUpstreamSendsTheLast(String provider)
      throws Exception {
    // 10 tokens, 200 ms apart: the simulator spends ~1.8 s between the first and the last.
    Endpoint endpoint =
        endpointWith(sim, provider, Map.of("X-Sim-Tokens", "10", "X-Sim-Delay-Ms", "200"));
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("complete");
    long gapMs = TimeUnit.NANOSECONDS.toMillis(listener.endNanos - listener.firstTextNanos());
    assertThat(gapMs).as("first token to end of stream").isGreaterThan(1000);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(listener.events.get(0).nanos()).isLessThan(listener.endNanos);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void cancelStopsDeliveryAndReportsTheUsageSoFar(String provider) throws Exception {
    Endpoint endpoint =
        endpointWith(sim, provider, Map.of("X-Sim-Tokens", "40", "X-Sim-Delay-Ms", "100"));
    RecordingListener listener = new RecordingListener();

    StreamHandle handle = adapter(provider).stream(endpoint, hello(), listener);
    await().atMost(Duration.ofSeconds(10)).until(() -> !listener.text().isEmpty());
    handle.cancel();

    assertThat(listener.await()).isEqualTo("cancelled");
    int delivered = listener.events.size();
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> listener.events.size() == delivered);
    assertThat(listener.terminalCalls).isEqualTo(1);
    assertThat(listener.usage.source()).isIn(UsageSource.INCOMPLETE, UsageSource.ESTIMATED);
    assertThat(listener.usage.inputTokens()).isPositive();
    Usage fromHandle = handle.completion().get(5, TimeUnit.SECONDS);
    assertThat(fromHandle).isEqualTo(listener.usage);
    assertThat(listener.text()).isNotEqualTo(EIGHT_TOKENS.repeat(5));
  }

  @org.junit.jupiter.api.Test
  void cancelBeforeTheResponseHeadersAbortsTheCall() throws Exception {
    Endpoint endpoint = endpointWith(sim, "openai", Map.of("X-Sim-Fault", "latency=1500"));
    RecordingListener listener = new RecordingListener();

    StreamHandle handle = adapter("openai").stream(endpoint, hello(), listener);
    handle.cancel();

    assertThat(listener.await()).isEqualTo("cancelled");
    assertThat(handle.isDone()).isTrue();
    await()
        .during(Duration.ofMillis(2000))
        .atMost(Duration.ofSeconds(3))
        .until(() -> listener.events.isEmpty() && listener.terminalCalls == 1);
  }

  @org.junit.jupiter.api.Test
  void listenerThatThrowsCancelsTheStreamInsteadOfKillingTheReader() throws Exception {
    Endpoint endpoint =
        endpointWith(sim, "anthropic", Map.of("X-Sim-Tokens", "30", "X-Sim-Delay-Ms", "50"));
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void onEvent(StreamEvent event) {
            super.onEvent(event);
            if (event instanceof StreamEvent.TextDelta) {
              throw new IllegalStateException("listener bug");
            }
          }
        };

    adapter("anthropic").stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("cancelled");
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(1);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void multiByteCharacterSplitAcrossPacketsArrivesIntact(String provider) throws Exception {
    Endpoint endpoint = endpointWith(sim, provider, Map.of("X-Sim-Fault", "split-utf8"));
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(EIGHT_TOKENS).contains("h\u00e9llo \uD83C\uDF0D");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "azure-openai", "groq"})
  void openAiStreamWithoutItsUsageChunkEndsWithEstimatedUsage(String provider) throws Exception {
    Endpoint endpoint = endpointWith(sim, provider, Map.of("X-Sim-Fault", "no-usage"));
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(listener.usage.inputTokens()).isPositive();
    assertThat(listener.usage.outputTokens()).isPositive();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("families")
  void errorStatusBeforeTheStreamReachesTheListenerNotTheCaller(String provider) throws Exception {
    Endpoint endpoint =
        endpointWith(sim, provider, Map.of("X-Sim-Fault", "status=429;retry-after=3"));
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(endpoint, hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.events).isEmpty();
    assertThat(listener.error.category())
        .isEqualTo(dev.switchboard.core.error.ErrorCategory.RATE_LIMITED);
    assertThat(listener.error.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(listener.usage.outputTokens()).isZero();
  }
}
