package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official anthropic-java SDK parses the simulator's Messages API. */
class AnthropicSdkCertificationTest {

  static final String REPLY = OpenAiSdkCertificationTest.REPLY;

  static Simulator sim;
  static AnthropicClient client;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    client = client(SimulatorOptions.DEFAULT_API_KEY);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(sim.baseUrl() + "/anthropic")
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  static MessageCreateParams.Builder params(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(1024)
        .system("You are terse.")
        .addUserMessage("Say hello to the gateway");
  }

  static final int INPUT_TOKENS = OpenAiSdkCertificationTest.INPUT_TOKENS;

  @Test
  void createParsesTextStopReasonAndUsage() {
    Message message = client.messages().create(params("claude-haiku-4-5").build());

    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    Usage usage = message.usage();
    assertThat(usage.inputTokens()).isEqualTo(INPUT_TOKENS);
    assertThat(usage.outputTokens()).isEqualTo(8);
    assertThat(usage.cacheReadInputTokens()).contains(0L);
    assertThat(usage.cacheCreationInputTokens()).contains(0L);
  }

  @Test
  void cacheReadsAndWritesAreExcludedFromInputTokens() {
    Message message =
        client
            .messages()
            .create(
                params("claude-haiku-4-5")
                    .putAdditionalHeader("X-Sim-Cached-Tokens", "4")
                    .putAdditionalHeader("X-Sim-Cache-Write-Tokens", "6")
                    .build());
    assertThat(message.usage().inputTokens()).isEqualTo(INPUT_TOKENS - 4 - 6);
    assertThat(message.usage().cacheReadInputTokens()).contains(4L);
    assertThat(message.usage().cacheCreationInputTokens()).contains(6L);
  }

  @Test
  void maxTokensCutsTheReply() {
    Message message = client.messages().create(params("claude-haiku-4-5").maxTokens(3).build());
    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Hello from the ");
    assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
  }

  @Test
  void streamAccumulatesToTheSameMessage() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params("claude-sonnet-4-5").build())) {
      stream.stream()
          .forEach(
              e -> {
                events.add(e);
                accumulator.accumulate(e);
              });
    }
    Message message = accumulator.message();
    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(message.usage().inputTokens()).isEqualTo(INPUT_TOKENS);
    assertThat(message.usage().outputTokens()).isEqualTo(8);
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    // start, block start, 8 deltas, block stop, message delta, stop (ping is dropped by the SDK)
    assertThat(events).hasSize(13);
    assertThat(events.get(events.size() - 2).messageDelta().orElseThrow().usage().outputTokens())
        .isEqualTo(8);
  }

  /** A question with the get_weather tool, not forced. */
  private static MessageCreateParams weatherQuestion(String question) {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-5")
        .maxTokens(1024)
        .addUserMessage(question)
        .addTool(
            Tool.builder()
                .name("get_weather")
                .inputSchema(
                    Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build())
        .build();
  }

  @Test
  void toolUseIsParsedWholeAndStreamed() {
    MessageCreateParams params = weatherQuestion("What is the weather in Paris?");
    Message message = client.messages().create(params);
    ToolUseBlock use = message.content().get(0).toolUse().orElseThrow();
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().convert(Map.class))
        .isEqualTo(Map.of("location", "Paris", "unit", "celsius"));
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ToolUseBlock streamed = accumulator.message().content().get(0).toolUse().orElseThrow();
    assertThat(streamed._input().convert(Map.class))
        .isEqualTo(Map.of("location", "Paris", "unit", "celsius"));
  }

  @Test
  void aQuestionNamingTwoCitiesGetsParallelToolUseBlocksWholeAndStreamed() {
    MessageCreateParams params = weatherQuestion("What is the weather in Paris and in Rome?");
    Message message = client.messages().create(params);
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    for (Message m : List.of(message, accumulator.message())) {
      List<ToolUseBlock> uses = m.content().stream().map(b -> b.toolUse().orElseThrow()).toList();
      assertThat(uses).hasSize(2);
      assertThat(uses.get(0).id()).isNotEqualTo(uses.get(1).id());
      assertThat(uses.get(0)._input().convert(Map.class))
          .isEqualTo(Map.of("location", "Paris", "unit", "celsius"));
      assertThat(uses.get(1)._input().convert(Map.class))
          .isEqualTo(Map.of("location", "Rome", "unit", "celsius"));
      assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
    }
  }

  @Test
  void aToolResultIsAnsweredWithText() {
    Message message =
        client
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .maxTokens(1024)
                    .addUserMessage("What is the weather in Paris?")
                    .addAssistantMessageOfContentBlockParams(
                        List.of(
                            ContentBlockParam.ofToolUse(
                                ToolUseBlockParam.builder()
                                    .id("toolu_1")
                                    .name("get_weather")
                                    .input(JsonValue.from(Map.of("location", "Paris")))
                                    .build())))
                    .addUserMessageOfContentBlockParams(
                        List.of(
                            ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder()
                                    .toolUseId("toolu_1")
                                    .content("the weather is 18 C")
                                    .build())))
                    .addTool(
                        Tool.builder()
                            .name("get_weather")
                            .inputSchema(Tool.InputSchema.builder().build())
                            .build())
                    .build());

    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.content().get(0).text()).isPresent();
  }

  @Test
  void overloadedIsAnInternalServerExceptionWithItsType() {
    sim.enqueueFault("anthropic", "status=529");
    assertThatThrownBy(() -> client.messages().create(params("claude-haiku-4-5").build()))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(529);
              assertThat(e.body().toString()).contains("overloaded_error");
            });
  }

  @Test
  void rateLimitAndBillingErrors() {
    sim.enqueueFault("anthropic", "status=429;retry-after=3");
    assertThatThrownBy(() -> client.messages().create(params("claude-haiku-4-5").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.headers().values("retry-after")).containsExactly("3");
              assertThat(e.body().toString()).contains("rate_limit_error");
            });
    sim.enqueueFault("anthropic", "status=400;code=billing_error");
    assertThatThrownBy(() -> client.messages().create(params("claude-haiku-4-5").build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.body().toString()).contains("billing_error"));
  }

  @Test
  void wrongKeyUnknownModelAndLongPrompt() {
    assertThatThrownBy(() -> client("wrong").messages().create(params("claude-haiku-4-5").build()))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> assertThat(e.body().toString()).contains("authentication_error"));
    assertThatThrownBy(() -> client.messages().create(params("missing-claude").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.body().toString()).contains("not_found_error"));
    MessageCreateParams tooLong =
        MessageCreateParams.builder()
            .model("claude-tiny")
            .maxTokens(10)
            .addUserMessage("word ".repeat(60))
            .build();
    assertThatThrownBy(() -> client.messages().create(tooLong))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> assertThat(e.body().toString()).contains("prompt is too long: 63 tokens > 50"));
  }

  @Test
  void theSdkSendsItsKeyAsBearerWithTheNewestVersionAndIsServed() {
    sim.clearRequests();
    client.messages().create(params("claude-haiku-4-5").build());

    ReceivedRequest sent = sim.requests("anthropic").get(0);
    assertThat(sent.header("Authorization"))
        .isEqualTo("Bearer " + SimulatorOptions.DEFAULT_API_KEY);
    assertThat(sent.header("x-api-key")).isNull();
    assertThat(sent.header("anthropic-version")).isEqualTo("2026-10-21");
  }

  @Test
  void anXApiKeyWithTheOriginalVersionIsServedAsBefore() throws Exception {
    // what clients sent until anthropic-java 3, and what the gateway's adapter sends
    Http http = new Http(sim);
    String body =
        "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    var ok =
        http.send(
            http.post(
                "/anthropic/v1/messages",
                body,
                "x-api-key",
                SimulatorOptions.DEFAULT_API_KEY,
                "anthropic-version",
                "2023-06-01"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    var wrongBearer =
        http.send(
            http.post(
                "/anthropic/v1/messages",
                body,
                "Authorization",
                "Bearer wrong",
                "anthropic-version",
                "2023-06-01"));
    assertThat(wrongBearer.statusCode()).isEqualTo(401);
    assertThat(wrongBearer.body()).contains("authentication_error");
  }

  @Test
  void anUnpublishedVersionIsABadRequest() {
    assertThatThrownBy(
            () ->
                client
                    .messages()
                    .create(
                        params("claude-haiku-4-5")
                            .putAdditionalHeader("anthropic-version", "2099-01-01")
                            .build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.body().toString()).contains("invalid_request_error");
              assertThat(e.body().toString()).contains("anthropic-version");
            });
  }

  @Test
  void aModelAnthropicDoesNotServeIsNotFound() {
    assertThatThrownBy(() -> client.messages().create(params("claude-nonexistent-9").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.body().toString()).contains("not_found_error", "claude-nonexistent-9");
            });
  }

  @Test
  void midStreamErrorEventIsAnSseException() {
    sim.enqueueFault("anthropic", "stream-error-after=2");
    MessageAccumulator accumulator = MessageAccumulator.create();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<RawMessageStreamEvent> stream =
                  client.messages().createStreaming(params("claude-haiku-4-5").build())) {
                stream.stream().forEach(accumulator::accumulate);
              }
            })
        .isInstanceOfSatisfying(
            SseException.class, e -> assertThat(e.body().toString()).contains("overloaded_error"));
  }
}
