package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.bedrock.BedrockAdapter;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bedrock against a broken upstream: a whole reply over the byte cap (RELIABILITY.md case 19), and
 * event-stream frames with a bad CRC or cut short (case 11).
 */
class BedrockSafetyTest {

  static final SimulatorOptions.Aws AWS = SimulatorOptions.Aws.DEFAULTS;

  static Simulator sim;
  static BedrockAdapter adapter = new BedrockAdapter();

  @BeforeAll
  static void start() {
    sim = Simulator.start();
  }

  @AfterAll
  static void stop() {
    adapter.close();
    sim.close();
  }

  static Endpoint.Builder keys(Map<String, String> headers) {
    return Endpoint.builder("bedrock")
        .baseUrl(sim.baseUrl() + "/bedrock")
        .apiKey(AWS.secretAccessKey())
        .aws(Endpoint.Aws.keys("us-east-1", AWS.accessKeyId()))
        .extraHeaders(headers)
        .addressPolicy(SimulatedProviders.LOOPBACK);
  }

  static ChatRequest hello() {
    return ChatRequest.builder(BedrockAdapterTest.MODEL).message(Message.user("Say hello")).build();
  }

  @Test
  void aWholeReplyLargerThanTheCapIsRefused() {
    // 3000 tokens: a Converse body of well over 4096 bytes
    Endpoint endpoint = keys(Map.of("X-Sim-Tokens", "3000")).maxResponseBytes(4096).build();

    assertThatThrownBy(() -> adapter.chat(endpoint, hello()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
              assertThat(e.providerCode()).contains("response_too_large");
              assertThat(e.getMessage()).contains("4096");
            });
    // under the cap the same call answers
    Endpoint roomy = keys(Map.of("X-Sim-Tokens", "3000")).maxResponseBytes(1 << 20).build();
    assertThat(adapter.chat(roomy, hello()).usage().outputTokens()).isEqualTo(3000);
  }

  @Test
  void aStreamFrameWithABadCrcEndsTheStreamWithADecodeErrorNotAHang() throws Exception {
    long start = System.nanoTime();
    RecordingListener listener = stream("bad-crc-after=3");

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
    assertThat(Duration.ofNanos(listener.endNanos - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(3);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(listener.terminalCalls).isEqualTo(1);
  }

  @Test
  void aTruncatedStreamFrameEndsTheStreamWithADecodeErrorNotAHang() throws Exception {
    long start = System.nanoTime();
    RecordingListener listener = stream("truncate-after=3");

    assertThat(listener.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("error");
    assertThat(Duration.ofNanos(listener.endNanos - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(listener.error.providerCode()).contains("stream_truncated");
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSize(3);
    assertThat(listener.usage.source()).isEqualTo(UsageSource.ESTIMATED);
    assertThat(listener.terminalCalls).isEqualTo(1);
  }

  private static RecordingListener stream(String fault) {
    Endpoint endpoint =
        keys(Map.of("X-Sim-Fault", fault))
            .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120))
            .build();
    RecordingListener listener = new RecordingListener();
    adapter.stream(endpoint, hello(), listener);
    return listener;
  }
}
