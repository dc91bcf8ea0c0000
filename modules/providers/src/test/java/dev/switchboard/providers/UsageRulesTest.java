package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.HELLO_INPUT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.endpointWith;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.simulator.Simulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usage arithmetic traps of docs/providers.md: cumulative stream reports are taken last, never
 * summed; cached input is inside our input count whatever the provider's convention; a stream and a
 * whole reply of the same call report the same usage.
 */
class UsageRulesTest {

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
  @ValueSource(
      strings = {"openai", "azure-openai", "anthropic", "gemini", "cohere", "ollama", "mistral"})
  void streamReportsTheSameUsageAsTheWholeReply(String provider) throws Exception {
    Endpoint endpoint = endpointWith(sim, provider, Map.of("X-Sim-Tokens", "12"));

    ChatResponse whole = adapter(provider).chat(endpoint, hello());
    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(endpoint, hello(), listener);
    listener.await();

    assertThat(listener.usage.inputTokens()).isEqualTo(whole.usage().inputTokens());
    assertThat(listener.usage.outputTokens()).isEqualTo(whole.usage().outputTokens()).isEqualTo(12);
    assertThat(listener.usage.totalTokens()).isEqualTo(whole.usage().totalTokens());
    assertThat(listener.of(StreamEvent.UsageReport.class)).hasSize(1);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"anthropic", "gemini"})
  void cumulativeStreamUsageIsTheLastReportNotTheSum(String provider) throws Exception {
    // Anthropic restates output in message_start (1) and message_delta (10); Gemini restates
    // promptTokenCount on each of 10 chunks. A sum would give 11 and 50.
    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(
        endpointWith(sim, provider, Map.of("X-Sim-Tokens", "10")), hello(), listener);
    listener.await();

    assertThat(listener.usage.inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
    assertThat(listener.usage.outputTokens()).isEqualTo(10);
    assertThat(listener.usage.totalTokens()).isEqualTo(HELLO_INPUT_TOKENS + 10);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"openai", "azure-openai", "anthropic", "gemini", "cohere"})
  void cachedInputIsPartOfInputWhateverTheProvidersConvention(String provider) throws Exception {
    // Anthropic reports input_tokens without the 3 cache reads; OpenAI and Gemini include them.
    Endpoint endpoint = endpointWith(sim, provider, Map.of("X-Sim-Cached-Tokens", "3"));

    Usage whole = adapter(provider).chat(endpoint, hello()).usage();
    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(endpoint, hello(), listener);
    listener.await();

    for (Usage u : new Usage[] {whole, listener.usage}) {
      assertThat(u.inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
      assertThat(u.cachedInputTokens()).isEqualTo(3);
      assertThat(u.totalTokens()).isEqualTo(HELLO_INPUT_TOKENS + 8);
    }
  }
}
