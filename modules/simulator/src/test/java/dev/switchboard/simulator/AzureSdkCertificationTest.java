package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openai-java in Azure mode. It recognises Azure by host name only, so against 127.0.0.1 the path
 * mode must be set explicitly: {@code LEGACY} puts {@code /openai/deployments/{model}} in front of
 * the operation and adds {@code api-version}; {@code UNIFIED} expects a base URL ending in {@code
 * /openai/v1}. {@code AzureApiKeyCredential} sends the key as {@code api-key}.
 */
class AzureSdkCertificationTest {

  static final String KEY = SimulatorOptions.DEFAULT_API_KEY;
  static final String REPLY = OpenAiSdkCertificationTest.REPLY;
  static final int INPUT_TOKENS = OpenAiSdkCertificationTest.INPUT_TOKENS;

  static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static ChatCompletionCreateParams.Builder chat(String model) {
    return OpenAiSdkCertificationTest.chat(model);
  }

  static OpenAIClient azure(String path, AzureUrlPathMode mode, String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(sim.baseUrl() + path)
        .credential(AzureApiKeyCredential.create(key))
        .azureUrlPathMode(mode)
        .azureServiceVersion(AzureOpenAIServiceVersion.fromString("2024-10-21"))
        .maxRetries(0)
        .build();
  }

  @Test
  void azureLegacyDeploymentRoutesWithApiKey() {
    OpenAIClient azure = azure("/azure", AzureUrlPathMode.LEGACY, KEY);
    ChatCompletion completion = azure.chat().completions().create(chat("gpt-4o-prod").build());
    assertThat(completion.choices().get(0).message().content()).contains(REPLY);
    assertThat(completion.model()).isEqualTo("gpt-4o-prod");

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    ChatCompletionCreateParams params =
        chat("gpt-4o-prod")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    try (StreamResponse<ChatCompletionChunk> stream =
        azure.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              c -> {
                chunks.add(c);
                accumulator.accumulate(c);
              });
    }
    assertThat(chunks.get(0).choices()).isEmpty();
    assertThat(chunks.get(0)._additionalProperties()).containsKey("prompt_filter_results");
    assertThat(accumulator.chatCompletion().choices().get(0).message().content()).contains(REPLY);
    assertThat(accumulator.chatCompletion().usage().orElseThrow().completionTokens()).isEqualTo(8);
  }

  @Test
  void azureUnifiedRoutesAndErrors() {
    OpenAIClient azure = azure("/azure/openai/v1", AzureUrlPathMode.UNIFIED, KEY);
    assertThat(
            azure
                .chat()
                .completions()
                .create(chat("gpt-4o").build())
                .usage()
                .orElseThrow()
                .promptTokens())
        .isEqualTo(INPUT_TOKENS);
    assertThatThrownBy(
            () ->
                azure("/azure", AzureUrlPathMode.LEGACY, "wrong")
                    .chat()
                    .completions()
                    .create(chat("gpt-4o").build()))
        .isInstanceOfSatisfying(
            UnauthorizedException.class, e -> assertThat(e.code()).contains("401"));
    assertThatThrownBy(
            () ->
                azure("/azure", AzureUrlPathMode.LEGACY, KEY)
                    .chat()
                    .completions()
                    .create(chat("missing-deployment").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).contains("DeploymentNotFound"));
    sim.enqueueFault("azure", "status=429");
    assertThatThrownBy(() -> azure.chat().completions().create(chat("gpt-4o").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).containsExactly("2"));
  }

  @Test
  void azureEmbeddingsThroughTheDeployment() {
    CreateEmbeddingResponse response =
        azure("/azure", AzureUrlPathMode.LEGACY, KEY)
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("embedding-deployment")
                    .input("hello embedding world")
                    .build());
    assertThat(response.model()).isEqualTo("embedding-deployment");
    assertThat(response.data().get(0).embedding()).hasSize(8);
  }
}
