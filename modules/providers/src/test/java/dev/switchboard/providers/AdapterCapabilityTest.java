package dev.switchboard.providers;

import static dev.switchboard.providers.SimulatedProviders.EIGHT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.HELLO_INPUT_TOKENS;
import static dev.switchboard.providers.SimulatedProviders.adapter;
import static dev.switchboard.providers.SimulatedProviders.descriptor;
import static dev.switchboard.providers.SimulatedProviders.endpoint;
import static dev.switchboard.providers.SimulatedProviders.hello;
import static dev.switchboard.providers.SimulatedProviders.simFamily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.wire.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The capability matrix of docs/providers.md, provider by provider, against the simulator: what a
 * provider offers works end to end; what it does not is refused before any request is sent.
 */
class AdapterCapabilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"},"
          + "\"unit\":{\"type\":\"string\"}},\"required\":[\"location\"]}";
  private static final String PNG_1X1 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = SimulatedProviders.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<String> all() {
    return SimulatedProviders.all();
  }

  static Stream<String> withTools() {
    return all().filter(p -> descriptor(p).supports(Capability.TOOLS));
  }

  static Stream<String> withoutTools() {
    return all().filter(p -> !descriptor(p).supports(Capability.TOOLS));
  }

  static Stream<String> withVision() {
    return all().filter(p -> descriptor(p).supports(Capability.VISION));
  }

  static Stream<String> withoutVision() {
    return all().filter(p -> !descriptor(p).supports(Capability.VISION));
  }

  static Stream<String> withJson() {
    return all().filter(p -> descriptor(p).supports(Capability.JSON));
  }

  static Stream<String> withoutJson() {
    return all().filter(p -> !descriptor(p).supports(Capability.JSON));
  }

  static Stream<String> withEmbeddings() {
    return all().filter(p -> descriptor(p).supports(Capability.EMBEDDINGS));
  }

  static Stream<String> withoutEmbeddings() {
    return all().filter(p -> !descriptor(p).supports(Capability.EMBEDDINGS));
  }

  static Stream<String> withListing() {
    return all().filter(p -> descriptor(p).listsModels());
  }

  static Stream<String> withoutListing() {
    return all().filter(p -> !descriptor(p).listsModels());
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("all")
  void chatReturnsTheReplyAndTheProvidersUsage(String provider) {
    ChatResponse r = adapter(provider).chat(endpoint(sim, provider).build(), hello());

    assertThat(r.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage().inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
    assertThat(r.usage().outputTokens()).isEqualTo(8);
    assertThat(r.usage().totalTokens()).isEqualTo(HELLO_INPUT_TOKENS + 8);
    assertThat(r.usage().fromProvider()).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("all")
  void streamDeliversTheReplyInPiecesThenFinishAndUsage(String provider) throws Exception {
    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(endpoint(sim, provider).build(), hello(), listener);

    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(listener.of(StreamEvent.TextDelta.class)).hasSizeGreaterThanOrEqualTo(8);
    assertThat(listener.of(StreamEvent.Finish.class))
        .containsExactly(new StreamEvent.Finish(FinishReason.STOP));
    assertThat(listener.usage.inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
    assertThat(listener.usage.outputTokens()).isEqualTo(8);
    assertThat(listener.usage.fromProvider()).isTrue();
    assertThat(listener.events.get(listener.events.size() - 1).event())
        .isEqualTo(new StreamEvent.UsageReport(listener.usage));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withTools")
  void toolCallIsDecodedInChatAndStream(String provider) throws Exception {
    ChatRequest request = weatherRequest();
    ChatResponse r = adapter(provider).chat(endpoint(sim, provider).build(), request);

    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.toolCalls()).hasSize(1);
    assertThat(r.toolCalls().get(0).name()).isEqualTo("get_weather");
    assertThat(r.toolCalls().get(0).id()).isNotBlank();
    assertThat(json(r.toolCalls().get(0).argumentsJson())).isEqualTo(expectedArguments());

    RecordingListener listener = new RecordingListener();
    adapter(provider).stream(endpoint(sim, provider).build(), request, listener);
    assertThat(listener.await()).isEqualTo("complete");
    assertThat(listener.toolDeltas().get(0).name()).isEqualTo("get_weather");
    assertThat(json(listener.toolArguments(0))).isEqualTo(expectedArguments());
    assertThat(listener.of(StreamEvent.Finish.class))
        .containsExactly(new StreamEvent.Finish(FinishReason.TOOL_CALLS));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withTools")
  void toolResultIsSentBackInTheProvidersShapeAndAnswered(String provider) {
    ChatResponse first = adapter(provider).chat(endpoint(sim, provider).build(), weatherRequest());
    ToolCall call = first.toolCalls().get(0);
    ChatRequest followUp =
        ChatRequest.builder(SimulatedProviders.MODEL)
            .system("You are a weather bot.")
            .user("What is the weather in Paris?")
            .message(Message.assistant(null, List.of(call)))
            .message(Message.toolResult(call.id(), "{\"celsius\": 21}"))
            .user("Thanks. Say hello")
            .tool(new ToolDefinition("get_weather", "Current weather", WEATHER_SCHEMA))
            .build();

    ChatResponse r = adapter(provider).chat(endpoint(sim, provider).build(), followUp);

    assertThat(r.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(r.usage().inputTokens()).isGreaterThan(HELLO_INPUT_TOKENS);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withoutTools")
  void toolsAreRefusedBeforeAnyRequest(String provider) {
    assertRefusedWithoutACall(
        provider, () -> adapter(provider).chat(endpoint(sim, provider).build(), weatherRequest()));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withVision")
  void imageInputIsSentAndAnswered(String provider) {
    ChatRequest request =
        ChatRequest.builder(SimulatedProviders.MODEL)
            .message(
                Message.user(
                    List.of(
                        ContentPart.text("Describe this"),
                        ContentPart.Image.ofBase64(PNG_1X1, "image/png"))))
            .build();

    ChatResponse r = adapter(provider).chat(endpoint(sim, provider).build(), request);

    assertThat(r.text()).isEqualTo(EIGHT_TOKENS);
    assertThat(r.usage().inputTokens()).isEqualTo(HELLO_INPUT_TOKENS);
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withoutVision")
  void imageInputIsRefusedBeforeAnyRequest(String provider) {
    ChatRequest request =
        ChatRequest.builder(SimulatedProviders.MODEL)
            .message(Message.user(List.of(ContentPart.Image.ofUrl("https://example.com/a.png"))))
            .build();
    assertRefusedWithoutACall(
        provider, () -> adapter(provider).chat(endpoint(sim, provider).build(), request));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withJson")
  void jsonResponseFormatYieldsAJsonObject(String provider) throws Exception {
    ResponseFormat schema =
        ResponseFormat.jsonSchema(
            "greeting", "{\"type\":\"object\",\"properties\":{\"reply\":{\"type\":\"string\"}}}");
    for (ResponseFormat format : List.of(ResponseFormat.JSON_OBJECT, schema)) {
      ChatRequest request =
          ChatRequest.builder(SimulatedProviders.MODEL)
              .user("Say hello")
              .responseFormat(format)
              .build();

      ChatResponse r = adapter(provider).chat(endpoint(sim, provider).build(), request);

      assertThat(json(r.text()).path("reply").asText())
          .as(format.kind().name())
          .isEqualTo(EIGHT_TOKENS);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withoutJson")
  void jsonResponseFormatIsRefusedBeforeAnyRequest(String provider) {
    ChatRequest request =
        ChatRequest.builder(SimulatedProviders.MODEL)
            .user("Say hello")
            .responseFormat(ResponseFormat.JSON_OBJECT)
            .build();
    assertRefusedWithoutACall(
        provider, () -> adapter(provider).chat(endpoint(sim, provider).build(), request));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withEmbeddings")
  void embeddingsReturnOneVectorPerInputInOrder(String provider) {
    EmbeddingResponse r =
        adapter(provider)
            .embed(
                endpoint(sim, provider, "sim-embed").build(),
                EmbeddingRequest.of("sim-embed", "alpha", "beta gamma"));

    assertThat(r.embeddings()).hasSize(2);
    assertThat(r.embeddings().get(0).vector()).containsExactly(Reply.embedding("alpha", 8));
    assertThat(r.embeddings().get(1).vector()).containsExactly(Reply.embedding("beta gamma", 8));
    assertThat(r.usage().inputTokens()).isPositive();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withoutEmbeddings")
  void embeddingsAreRefusedBeforeAnyRequest(String provider) {
    assertRefusedWithoutACall(
        provider,
        () ->
            adapter(provider)
                .embed(endpoint(sim, provider).build(), EmbeddingRequest.of("sim-embed", "x")));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withListing")
  void listModelsReturnsWhatTheKeyCanUse(String provider) {
    List<ModelInfo> models = adapter(provider).listModels(endpoint(sim, provider).build());

    assertThat(models).isNotEmpty();
    assertThat(models).allSatisfy(m -> assertThat(m.id()).isNotBlank().doesNotStartWith("models/"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("withoutListing")
  void listModelsIsRefusedBeforeAnyRequest(String provider) {
    assertRefusedWithoutACall(
        provider, () -> adapter(provider).listModels(endpoint(sim, provider).build()));
  }

  private static void assertRefusedWithoutACall(String provider, Runnable call) {
    long before = sim.requestCount(simFamily(provider));
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST);
              assertThat(e.providerCode()).contains("unsupported");
            });
    assertThat(sim.requestCount(simFamily(provider))).isEqualTo(before);
  }

  private static ChatRequest weatherRequest() {
    return ChatRequest.builder(SimulatedProviders.MODEL)
        .user("What is the weather in Paris?")
        .tool(new ToolDefinition("get_weather", "Current weather", WEATHER_SCHEMA))
        .toolChoice(ToolChoice.REQUIRED)
        .build();
  }

  private static JsonNode expectedArguments() throws Exception {
    return JSON.readTree(Reply.TOOL_ARGUMENTS);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
