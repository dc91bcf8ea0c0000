package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.switchboard.simulator.wire.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK parses what the simulator sends for OpenAI, compatibles, Azure. */
class OpenAiSdkCertificationTest {

  static final String KEY = SimulatorOptions.DEFAULT_API_KEY;
  static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";

  static Simulator sim;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    client = client("/openai/v1", KEY);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static OpenAIClient client(String path, String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(sim.baseUrl() + path)
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addSystemMessage("You are terse.")
        .addUserMessage("Say hello to the gateway");
  }

  // system: 3 words + 3, user: 5 words + 3
  static final int INPUT_TOKENS = 14;

  @Test
  void chatCompletionParsesTextAndUsage() {
    ChatCompletion completion = client.chat().completions().create(chat("gpt-4o-mini").build());

    assertThat(completion.choices().get(0).message().content()).contains(REPLY);
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.model()).isEqualTo("gpt-4o-mini");
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(INPUT_TOKENS);
    assertThat(usage.completionTokens()).isEqualTo(8);
    assertThat(usage.totalTokens()).isEqualTo(INPUT_TOKENS + 8);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
  }

  @Test
  void reasoningAndCachedTokensAreInsideCompletionAndPromptTokens() {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                chat("o4-mini")
                    .putAdditionalHeader("X-Sim-Reasoning-Tokens", "5")
                    .putAdditionalHeader("X-Sim-Cached-Tokens", "4")
                    .build());
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.completionTokens()).isEqualTo(8 + 5);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(5L);
    assertThat(usage.promptTokens()).isEqualTo(INPUT_TOKENS);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(4L);
    assertThat(usage.totalTokens()).isEqualTo(INPUT_TOKENS + 8 + 5);
  }

  @Test
  void maxCompletionTokensCutsTheReplyWithFinishReasonLength() {
    ChatCompletion completion =
        client.chat().completions().create(chat("gpt-4o").maxCompletionTokens(3).build());
    assertThat(completion.choices().get(0).message().content()).contains("Hello from the ");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
  }

  @Test
  void streamingWithIncludeUsageEndsWithTheUsageChunk() {
    ChatCompletionCreateParams params =
        chat("gpt-4o")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
              });
    }

    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(8);
    assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c.usage().isEmpty());
    ChatCompletion whole = accumulator.chatCompletion();
    assertThat(whole.choices().get(0).message().content()).contains(REPLY);
    assertThat(whole.usage().orElseThrow().promptTokens()).isEqualTo(INPUT_TOKENS);
  }

  @Test
  void streamingWithoutIncludeUsageHasNoUsageChunk() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-4o").build())) {
      stream.stream().forEach(chunks::add);
    }
    assertThat(chunks).hasSize(1 + 8 + 1).allMatch(c -> c.usage().isEmpty());
  }

  /** A question with the get_weather tool, not forced. */
  private static ChatCompletionCreateParams.Builder weatherQuestion(String question) {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o")
        .addUserMessage(question)
        .addTool(
            ChatCompletionFunctionTool.builder()
                .function(
                    FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(
                            FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .build());
  }

  @Test
  void toolCallIsParsedWholeAndStreamed() {
    ChatCompletionCreateParams params = weatherQuestion("What is the weather in Paris?").build();

    ChatCompletion completion = client.chat().completions().create(params);
    ChatCompletionMessageFunctionToolCall call =
        completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo(Reply.TOOL_ARGUMENTS);
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletionMessageFunctionToolCall streamed =
        accumulator
            .chatCompletion()
            .choices()
            .get(0)
            .message()
            .toolCalls()
            .orElseThrow()
            .get(0)
            .asFunction();
    assertThat(streamed.function().name()).isEqualTo("get_weather");
    assertThat(streamed.function().arguments()).isEqualTo(Reply.TOOL_ARGUMENTS);
  }

  @Test
  void aQuestionNamingTwoCitiesGetsParallelToolCallsWholeAndStreamed() {
    ChatCompletionCreateParams.Builder params =
        weatherQuestion("What is the weather in Paris and in Rome?");

    ChatCompletion whole = client.chat().completions().create(params.build());
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params.build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    for (ChatCompletion c : List.of(whole, accumulator.chatCompletion())) {
      List<ChatCompletionMessageFunctionToolCall> calls =
          c.choices().get(0).message().toolCalls().orElseThrow().stream()
              .map(t -> t.asFunction())
              .toList();
      assertThat(calls).hasSize(2);
      assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
      assertThat(calls.get(0).function().arguments()).isEqualTo(Reply.TOOL_ARGUMENTS);
      assertThat(calls.get(1).function().arguments())
          .isEqualTo("{\"location\":\"Rome\",\"unit\":\"celsius\"}");
    }
    ChatCompletion single =
        client.chat().completions().create(params.parallelToolCalls(false).build());
    assertThat(single.choices().get(0).message().toolCalls().orElseThrow()).hasSize(1);
  }

  @Test
  void jsonModeAnswersAValidJsonObject() throws Exception {
    ChatCompletion completion =
        client
            .chat()
            .completions()
            .create(
                chat("gpt-4o-mini")
                    .responseFormat(ResponseFormatJsonObject.builder().build())
                    .build());
    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(content)
                .get("reply")
                .asText())
        .isEqualTo(REPLY);
  }

  @Test
  void embeddingsDecodeFromTheSdkDefaultBase64AndFromFloats() {
    CreateEmbeddingResponse base64 =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small")
                    .input("hello embedding world")
                    .build());
    float[] expected = Reply.embedding("hello embedding world", 8);
    assertThat(base64.data().get(0).embedding()).hasSize(8);
    assertThat(base64.data().get(0).embedding().get(3)).isEqualTo(expected[3]);
    assertThat(base64.usage().promptTokens()).isEqualTo(3);

    CreateEmbeddingResponse floats =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("text-embedding-3-small")
                    .input("hello embedding world")
                    .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                    .dimensions(4)
                    .build());
    assertThat(floats.data().get(0).embedding())
        .containsExactly(expected[0], expected[1], expected[2], expected[3]);
  }

  @Test
  void modelsAreListedAndRetrieved() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();
    assertThat(ids).contains("gpt-4o-mini", "gpt-4o");
    assertThat(client.models().retrieve("gpt-4o").id()).isEqualTo("gpt-4o");
    assertThatThrownBy(() -> client.models().retrieve("missing-model"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void rateLimitIsARateLimitExceptionWithRetryHeaders() {
    sim.enqueueFault("openai", "status=429;retry-after=2;retry-after-ms=1500");
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.code()).contains("rate_limit_exceeded");
              assertThat(e.headers().values("retry-after")).containsExactly("2");
              assertThat(e.headers().values("retry-after-ms")).containsExactly("1500");
            });
  }

  @Test
  void insufficientQuotaIsARateLimitExceptionWithItsOwnCode() {
    sim.enqueueFault("openai", "status=429;code=insufficient_quota");
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.code()).contains("insufficient_quota");
              assertThat(e.type()).contains("insufficient_quota");
            });
  }

  @Test
  void wrongKeyIsUnauthorized() {
    assertThatThrownBy(
            () -> client("/openai/v1", "wrong").chat().completions().create(chat("gpt-4o").build()))
        .isInstanceOfSatisfying(
            UnauthorizedException.class, e -> assertThat(e.code()).contains("invalid_api_key"));
  }

  @Test
  void unknownModelAndLongPromptAreTheirOwnErrors() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("missing-gpt").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
    ChatCompletionCreateParams tooLong =
        ChatCompletionCreateParams.builder()
            .model("gpt-4o-tiny")
            .addUserMessage("word ".repeat(60))
            .build();
    assertThatThrownBy(() -> client.chat().completions().create(tooLong))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.code()).contains("context_length_exceeded"));
  }

  @Test
  void aModelOpenAiDoesNotServeIsNotFoundUntilTheAccountHasIt() {
    // OpenAI answers a name it does not serve with 404 model_not_found, never with a completion
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o-nonexistent").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.code()).contains("model_not_found");
              assertThat(e.type()).contains("invalid_request_error");
              assertThat(e.getMessage()).contains("The model `gpt-4o-nonexistent` does not exist");
            });
    assertThatThrownBy(() -> client.models().retrieve("gpt-4o-nonexistent"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                client
                    .embeddings()
                    .create(
                        EmbeddingCreateParams.builder()
                            .model("text-embedding-9")
                            .input("hello")
                            .build()))
        .isInstanceOf(NotFoundException.class);

    try (Simulator own = Simulator.start()) {
      own.addModels("openai", "ft:gpt-4o-mini:acme::abc123");
      OpenAIClient c =
          OpenAIOkHttpClient.builder()
              .baseUrl(own.baseUrl() + "/openai/v1")
              .apiKey(KEY)
              .maxRetries(0)
              .build();
      assertThat(
              c.chat()
                  .completions()
                  .create(chat("ft:gpt-4o-mini:acme::abc123").build())
                  .choices()
                  .get(0)
                  .message()
                  .content())
          .contains(REPLY);
      assertThat(c.models().list().data().stream().map(Model::id))
          .contains("gpt-4o", "ft:gpt-4o-mini:acme::abc123");
    }
  }

  @Test
  void malformedBodiesAreBadRequestsNamingTheParameter() {
    assertRefused(
        ChatCompletionCreateParams.builder().model("gpt-4o").messages(List.of()).build(),
        "messages",
        "empty_array");
    assertRefused(
        chat("gpt-4o").putAdditionalBodyProperty("max_tokens", JsonValue.from("lots")).build(),
        "max_tokens",
        "invalid_type");
    assertRefused(
        chat("gpt-4o").maxCompletionTokens(0).build(),
        "max_completion_tokens",
        "integer_below_min_value");
    assertRefused(
        chat("gpt-4o").maxCompletionTokens(1_000_000).build(),
        "max_completion_tokens",
        "invalid_value");
    assertRefused(
        chat("gpt-4o").temperature(5.0).build(), "temperature", "decimal_above_max_value");
    assertRefused(
        chat("gpt-4o")
            .putAdditionalBodyProperty(
                "messages",
                JsonValue.from(List.of(java.util.Map.of("role", "robot", "content", "hi"))))
            .build(),
        "messages[0].role",
        "invalid_value");
    assertRefused(
        chat("gpt-4o")
            .putAdditionalBodyProperty(
                "messages",
                JsonValue.from(List.of(java.util.Map.of("role", "user", "content", 42))))
            .build(),
        "messages[0].content",
        "invalid_type");
    assertRefused(
        chat("gpt-4o").putAdditionalBodyProperty("messages", JsonValue.from("hi")).build(),
        "messages",
        "invalid_type");
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestInOpenAisWords() throws Exception {
    var response =
        new Http(sim)
            .send(
                new Http(sim)
                    .post(
                        "/openai/v1/chat/completions",
                        "{\"model\": \"gpt-4o\", \"mess",
                        "Authorization",
                        Http.BEARER));
    assertThat(response.statusCode()).isEqualTo(400);
    var error =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).startsWith("We could not parse the JSON body");
    assertThat(error.get("code").isNull()).isTrue();
  }

  /** The SDK's typed 400 with OpenAI's type, the parameter named in {@code param}, the code. */
  private static void assertRefused(ChatCompletionCreateParams params, String param, String code) {
    assertThatThrownBy(() -> client.chat().completions().create(params))
        .as(param)
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.type()).contains("invalid_request_error");
              assertThat(e.param()).contains(param);
              assertThat(e.code()).contains(code);
              assertThat(e.getMessage()).startsWith("400: ").doesNotContain("Simulated");
            });
  }

  @Test
  void serverErrorIsAnInternalServerException() {
    sim.enqueueFault("openai", "status=503");
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o").build()))
        .isInstanceOf(InternalServerException.class);
  }

  @Test
  void midStreamErrorSurfacesAsSseExceptionAfterTheFirstTokens() {
    sim.enqueueFault("openai", "stream-error-after=3");
    List<String> pieces = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client.chat().completions().createStreaming(chat("gpt-4o").build())) {
                stream.stream()
                    .forEach(
                        c ->
                            c.choices().forEach(ch -> ch.delta().content().ifPresent(pieces::add)));
              }
            })
        .isInstanceOfSatisfying(
            SseException.class, e -> assertThat(e.type()).contains("server_error"));
    assertThat(String.join("", pieces)).isEqualTo("Hello from the ");
  }

  @Test
  void multiByteCharactersSplitAcrossChunksDecodeIntact() {
    sim.enqueueFault("openai", "split-utf8");
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-4o").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    assertThat(accumulator.chatCompletion().choices().get(0).message().content()).contains(REPLY);
  }
}
