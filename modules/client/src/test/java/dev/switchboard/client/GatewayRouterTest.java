package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.router.CallContext;
import dev.switchboard.core.router.ChatStream;
import dev.switchboard.core.router.RoutedChat;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server that speaks the OpenAI wire (the simulator), with the Rest
 * Client Liberty's {@code mpRestClient-4.0} is built on (RESTEasy): the request mapping is
 * accepted, answers, streams and errors come back as core types.
 */
class GatewayRouterTest {

  private static final String KEY = "sk-client-test";
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final CallContext CONTEXT =
      new CallContext("ws", "answer-generation", "alice", Map.of("team", "search"));

  private static Simulator sim;
  private static Simulator slow;
  private static GatewayRouter router;
  private static GatewayRouter slowRouter;
  private static Simulator longer;
  private static GatewayRouter longRouter;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    slow =
        Simulator.start(SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(150))
            .addModels("openai", "gpt-slow");
    router = new GatewayRouter(ClientSettings.of(sim.baseUrl() + "/openai", KEY));
    slowRouter = new GatewayRouter(ClientSettings.of(slow.baseUrl() + "/openai", KEY));
    longer =
        Simulator.start(
                SimulatorOptions.defaults()
                    .withApiKey(KEY)
                    .withTokenDelayMs(150)
                    .withStreamTokens(40))
            .addModels("openai", "gpt-slow");
    longRouter = new GatewayRouter(ClientSettings.of(longer.baseUrl() + "/openai", KEY));
  }

  @AfterAll
  static void stop() {
    router.close();
    slowRouter.close();
    longRouter.close();
    longer.close();
    sim.close();
    slow.close();
  }

  @Test
  void aChatComesBackWithItsTextFinishReasonUsageAndRequestId() {
    RoutedChat r =
        router.chat(ChatRequest.builder("gpt-4o-mini").user("Say hello").build(), CONTEXT);

    assertThat(r.response().text()).isEqualTo(REPLY);
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.response().servedModel()).isEqualTo("gpt-4o-mini");
    assertThat(r.response().usage().inputTokens()).isEqualTo(2 + 3);
    assertThat(r.response().usage().outputTokens()).isEqualTo(8);
    assertThat(r.response().usage().source()).isEqualTo(UsageSource.REPORTED);
    assertThat(r.requestId()).isNotBlank();
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void maxTokensCutsTheReplyWithFinishReasonLength() {
    RoutedChat r =
        router.chat(
            ChatRequest.builder("gpt-4o-mini").user("Say hello").maxOutputTokens(3).build(),
            CONTEXT);

    assertThat(r.response().text()).isEqualTo("Hello from the ");
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void aToolCallComesBackWholeAndJsonModeAsJson() {
    ChatRequest tools =
        ChatRequest.builder("gpt-4o-mini")
            .user("What is the weather in Paris?")
            .tool(new ToolDefinition("get_weather", "Weather now", null))
            .build();

    RoutedChat r = router.chat(tools, CONTEXT);

    assertThat(r.response().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.response().toolCalls()).hasSize(1);
    assertThat(r.response().toolCalls().get(0).name()).isEqualTo("get_weather");
    assertThat(r.response().toolCalls().get(0).argumentsJson())
        .isEqualTo("{\"location\":\"Paris\",\"unit\":\"celsius\"}");
    RoutedChat json =
        router.chat(
            ChatRequest.builder("gpt-4o-mini")
                .user("Say hello")
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build(),
            CONTEXT);
    assertThat(json.response().text()).isEqualTo("{\"reply\":\"" + REPLY + "\"}");
  }

  @Test
  void aStreamDeliversEachPieceThenTheUsageAndCompletesOnce() {
    RecordingListener listener = new RecordingListener();

    router.stream(ChatRequest.builder("gpt-4o-mini").user("Say hello").build(), CONTEXT, listener);

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    assertThat(listener.text()).isEqualTo(REPLY);
    assertThat(listener.events()).filteredOn(StreamEvent.TextDelta.class::isInstance).hasSize(8);
    assertThat(listener.events()).contains(new StreamEvent.Finish(FinishReason.STOP));
    assertThat(listener.completed().outputTokens()).isEqualTo(8);
    assertThat(listener.completed().source()).isEqualTo(UsageSource.REPORTED);
    assertThat(listener.endings()).isEqualTo(1);
  }

  @Test
  void aStreamedToolCallArrivesInFragments() {
    RecordingListener listener = new RecordingListener();
    router.stream(
        ChatRequest.builder("gpt-4o-mini")
            .user("weather?")
            .tool(new ToolDefinition("get_weather", null, null))
            .build(),
        CONTEXT,
        listener);

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    List<StreamEvent.ToolCallDelta> deltas =
        listener.events().stream()
            .filter(StreamEvent.ToolCallDelta.class::isInstance)
            .map(StreamEvent.ToolCallDelta.class::cast)
            .toList();
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(deltas.get(0).name()).isEqualTo("get_weather");
    assertThat(
            String.join(
                "", deltas.stream().map(StreamEvent.ToolCallDelta::argumentsFragment).toList()))
        .isEqualTo("{\"location\":\"Paris\",\"unit\":\"celsius\"}");
    assertThat(listener.events()).contains(new StreamEvent.Finish(FinishReason.TOOL_CALLS));
    assertThat(listener.completed()).isNotNull();
  }

  @Test
  void streamReturnsAtOnceAndTheFirstPieceArrivesLongBeforeTheLast() {
    RecordingListener listener = new RecordingListener();
    long start = System.nanoTime();

    slowRouter.stream(ChatRequest.builder("gpt-slow").user("Say hello").build(), CONTEXT, listener);
    long returnedMs = (System.nanoTime() - start) / 1_000_000;

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    List<Long> arrivals = listener.textArrivalsMs(start);
    // 8 tokens 150 ms apart: the call returned before the first, the first came ~1 s before the
    // last
    assertThat(arrivals).hasSize(8);
    assertThat(returnedMs).isLessThan(arrivals.get(0));
    assertThat(arrivals.get(7) - arrivals.get(0))
        .as("arrivals %s", arrivals)
        .isGreaterThanOrEqualTo(700);
    assertThat(listener.completed()).isNotNull();
  }

  @Test
  void cancelEndsTheStreamAtOnceClosesTheConnectionAndNothingFollows() throws Exception {
    RecordingListener listener = new RecordingListener();
    ChatStream stream =
        longRouter.stream(
            ChatRequest.builder("gpt-slow").user("Say hello").build(), CONTEXT, listener);
    await().atMost(Duration.ofSeconds(5)).until(() -> !listener.text().isEmpty());

    long start = System.nanoTime();
    stream.cancel();
    long cancelMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(cancelMs).isLessThan(100);
    assertThat(listener.cancelled()).isTrue();
    int seen = listener.events().size();
    // 40 tokens 150 ms apart: had the connection been drained rather than closed, its reader
    // would run for seconds more
    await().atMost(Duration.ofSeconds(2)).until(() -> !readerRunning());
    Thread.sleep(450); // three more token intervals: none may reach the listener after the cancel
    assertThat(listener.events()).hasSize(seen);
    assertThat(listener.endings()).isEqualTo(1);
  }

  /** Whether a stream worker is still inside a stream (reading its connection). */
  static boolean readerRunning() {
    return Thread.getAllStackTraces().values().stream()
        .flatMap(java.util.Arrays::stream)
        .anyMatch(
            f ->
                f.getClassName().equals(RemoteStream.class.getName())
                    && f.getMethodName().equals("run"));
  }

  @Test
  void aMidStreamErrorEndsTheStreamWithOnErrorAfterThePiecesDelivered() {
    sim.enqueueFault("openai", "stream-error-after=3");
    RecordingListener listener = new RecordingListener();

    router.stream(ChatRequest.builder("gpt-4o-mini").user("Say hello").build(), CONTEXT, listener);

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    assertThat(listener.text()).isEqualTo("Hello from the ");
    assertThat(listener.error().category()).isEqualTo(ErrorCategory.UNAVAILABLE);
    assertThat(listener.endings()).isEqualTo(1);
  }

  @Test
  void aBrokenConnectionEndsTheStreamWithOnError() {
    sim.enqueueFault("openai", "reset-after=2");
    RecordingListener listener = new RecordingListener();

    router.stream(ChatRequest.builder("gpt-4o-mini").user("Say hello").build(), CONTEXT, listener);

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    assertThat(listener.text()).isEqualTo("Hello from ");
    assertThat(listener.error().category())
        .isIn(ErrorCategory.UNAVAILABLE, ErrorCategory.UPSTREAM_PROTOCOL);
    assertThat(listener.endings()).isEqualTo(1);
  }

  @Test
  void aStreamRefusedBeforeItsFirstByteIsAnOnErrorWithTheCategory() {
    RecordingListener listener = new RecordingListener();

    router.stream(ChatRequest.builder("missing-model").user("x").build(), CONTEXT, listener);

    await().atMost(Duration.ofSeconds(10)).until(listener::ended);
    assertThat(listener.error().category()).isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(listener.events()).isEmpty();
  }

  @Test
  void embeddingsComeBackExactlyInInputOrder() {
    EmbeddingResponse r =
        router.embed(
            new EmbeddingRequest("text-embedding-3-small", List.of("one", "two"), null, null),
            CONTEXT);

    assertThat(r.embeddings()).extracting(Embedding::index).containsExactly(0, 1);
    assertThat(r.embeddings().get(0).vector())
        .containsExactly(simulatorVector("one", 8), within(1e-6f));
    assertThat(r.usage().inputTokens()).isEqualTo(2);
  }

  @Test
  void errorsComeBackWithTheirCategories() {
    ChatRequest hello = ChatRequest.builder("gpt-4o-mini").user("Say hello").build();

    assertThat(
            failure(() -> router.chat(ChatRequest.builder("missing-x").user("x").build(), CONTEXT))
                .category())
        .isEqualTo(ErrorCategory.MODEL_NOT_FOUND);
    assertThat(
            failure(
                    () ->
                        router.chat(
                            ChatRequest.builder("gpt-tiny").user("word ".repeat(60)).build(),
                            CONTEXT))
                .category())
        .isEqualTo(ErrorCategory.CONTEXT_LENGTH_EXCEEDED);
    sim.enqueueFault("openai", "status=429;retry-after=2");
    ProviderException limited = failure(() -> router.chat(hello, CONTEXT));
    assertThat(limited.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(2));
    sim.enqueueFault("openai", "status=429;code=insufficient_quota");
    assertThat(failure(() -> router.chat(hello, CONTEXT)).category())
        .isEqualTo(ErrorCategory.QUOTA_EXHAUSTED);
    sim.enqueueFault("openai", "status=503");
    assertThat(failure(() -> router.chat(hello, CONTEXT)).category())
        .isEqualTo(ErrorCategory.UNAVAILABLE);
    sim.enqueueFault("openai", "malformed");
    assertThat(failure(() -> router.chat(hello, CONTEXT)).category())
        .isEqualTo(ErrorCategory.UPSTREAM_PROTOCOL);
    try (GatewayRouter wrongKey =
        new GatewayRouter(ClientSettings.of(sim.baseUrl() + "/openai", "sb-wrong"))) {
      ProviderException e = failure(() -> wrongKey.chat(hello, CONTEXT));
      assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
      assertThat(e.getMessage()).doesNotContain("sb-wrong");
    }
  }

  @Test
  void noGatewayIsUnavailableAndASilentOneTimesOut() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ChatRequest hello = ChatRequest.builder("gpt-4o-mini").user("Say hello").build();
    try (GatewayRouter nowhere =
        new GatewayRouter(ClientSettings.of("http://127.0.0.1:" + closedPort, KEY))) {
      ProviderException e = failure(() -> nowhere.chat(hello, CONTEXT));
      assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
      assertThat(e.providerCode()).hasValue("connect_failed");
    }
    sim.enqueueFault("openai", "hang");
    try (GatewayRouter impatient =
        new GatewayRouter(
            new ClientSettings(
                java.net.URI.create(sim.baseUrl() + "/openai"),
                KEY,
                Duration.ofSeconds(2),
                Duration.ofMillis(300)))) {
      long start = System.nanoTime();
      ProviderException e = failure(() -> impatient.chat(hello, CONTEXT));
      assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
  }

  private static ProviderException failure(Runnable call) {
    try {
      call.run();
    } catch (ProviderException e) {
      return e;
    }
    throw new AssertionError("no ProviderException");
  }

  /** The simulator's documented embedding formula. */
  private static float[] simulatorVector(String text, int dimensions) {
    int h = text.hashCode() & 0x7fffffff;
    float[] v = new float[dimensions];
    for (int j = 0; j < dimensions; j++) {
      v[j] = (float) (((h + 31L * j) % 2000) / 1000.0 - 1);
    }
    return v;
  }
}
