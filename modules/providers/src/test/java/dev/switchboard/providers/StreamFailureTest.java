package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.HELLO_INPUT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpointWith;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.simulator.Simulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stream that breaks after its 200 delivers an error to the listener together with the usage
 * known so far: INCOMPLETE where the provider had reported some (Anthropic's message_start,
 * Gemini's per-chunk usageMetadata, Cohere's error message-end), ESTIMATED where it reports only at
 * the end.
 */
class StreamFailureTest {

  private static final String THREE_TOKENS = "Hello from the ";

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
  @CsvSource({
    "openai, ESTIMATED",
    "azure-openai, ESTIMATED",
    "anthropic, INCOMPLETE",
    "gemini, INCOMPLETE",
    "cohere, INCOMPLETE",
    "ollama, ESTIMATED"
  })
  void errorEventMidStreamDeliversTheErrorAndTheUsageSoFar(String provider, UsageSource source)
      throws Exception {
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(
        endpointWith(sim, provider, Map.of("X-Sim-Fault", "stream-error-after=3")),
        hello(),
        listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.terminalCalls).isEqualTo(1);
    assertThat(listener.text()).isEqualTo(THREE_TOKENS);
    assertThat(listener.error.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(listener.error.httpStatus()).isZero();
    assertThat(listener.usage.source()).isEqualTo(source);
    assertThat(listener.usage.inputTokens()).isPositive();
    if (source == UsageSource.INCOMPLETE) {
      assertThat(listener.usage.inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
      // what the provider reported so far, or the estimate of the text seen when that is more
      // (a cut stream bills at least the output the caller received: the three tokens estimate 4)
      assertThat(listener.usage.outputTokens()).isBetween(1L, 4L);
    } else {
      assertThat(listener.usage.outputTokens()).isPositive();
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({
    "openai, ESTIMATED",
    "azure-openai, ESTIMATED",
    "anthropic, INCOMPLETE",
    "gemini, INCOMPLETE",
    "cohere, ESTIMATED",
    "ollama, ESTIMATED"
  })
  void connectionResetMidStreamDeliversTheErrorAndTheUsageSoFar(String provider, UsageSource source)
      throws Exception {
    RecordingListener listener = new RecordingListener();

    adapter(provider).stream(
        endpointWith(sim, provider, Map.of("X-Sim-Fault", "reset-after=3")), hello(), listener);

    assertThat(listener.await()).isEqualTo("error");
    assertThat(listener.terminalCalls).isEqualTo(1);
    assertThat(listener.text()).isEqualTo(THREE_TOKENS);
    assertThat(listener.error.category())
        .isIn(ErrorCategory.UNAVAILABLE, ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(listener.usage.source()).isEqualTo(source);
    assertThat(listener.usage.inputTokens()).isPositive();
    assertThat(listener.usage.outputTokens()).isPositive();
  }
}
