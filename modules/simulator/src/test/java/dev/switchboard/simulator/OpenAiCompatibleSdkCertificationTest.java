package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** openai-java against every OpenAI-compatible prefix, and Ollama's /v1 (no key checked). */
class OpenAiCompatibleSdkCertificationTest {

  static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    prefixes().forEach(prefix -> sim.addModels(prefix, "some-model"));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<String> prefixes() {
    return Stream.concat(Simulator.OPENAI_COMPATIBLE.stream(), Stream.of("ollama"));
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void chatAndStreamUnderTheProvidersOwnPrefix(String prefix) {
    String key = prefix.equals("ollama") ? "ignored-by-ollama" : SimulatorOptions.DEFAULT_API_KEY;
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.baseUrl() + "/" + prefix + "/v1")
            .apiKey(key)
            .maxRetries(0)
            .build();
    long before = sim.requestCount(prefix);

    ChatCompletion completion =
        client.chat().completions().create(OpenAiSdkCertificationTest.chat("some-model").build());
    assertThat(completion.choices().get(0).message().content())
        .contains(OpenAiSdkCertificationTest.REPLY);
    assertThat(completion.model()).isEqualTo("some-model");

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                OpenAiSdkCertificationTest.chat("some-model")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    assertThat(accumulator.chatCompletion().usage().orElseThrow().completionTokens()).isEqualTo(8);
    assertThat(sim.requestCount(prefix)).isEqualTo(before + 2);
  }

  /** vLLM, LM Studio, Ollama and the hosted ones refuse a model they do not serve. */
  @ParameterizedTest
  @MethodSource("prefixes")
  void aModelTheProviderDoesNotServeIsNotFoundExceptOnLlamaCpp(String prefix) {
    String key = prefix.equals("ollama") ? "ignored-by-ollama" : SimulatorOptions.DEFAULT_API_KEY;
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(sim.baseUrl() + "/" + prefix + "/v1")
            .apiKey(key)
            .maxRetries(0)
            .build();
    var params = OpenAiSdkCertificationTest.chat("not-served-here").build();
    if (prefix.equals("llamacpp")) {
      // llama.cpp's server answers with its loaded model whatever the name
      assertThat(client.chat().completions().create(params).model()).isEqualTo("not-served-here");
    } else {
      assertThatThrownBy(() -> client.chat().completions().create(params))
          .isInstanceOfSatisfying(
              NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
    }
  }
}
