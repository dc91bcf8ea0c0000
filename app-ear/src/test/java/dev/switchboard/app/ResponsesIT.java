package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.ResponseUsage;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/responses} judged by the official openai-java client's Responses API, with a gateway
 * key, routed through the router to an OpenAI deployment (which the gateway calls through Chat
 * Completions upstream), an Anthropic and a Gemini one on the simulator: create, stream, a
 * function-tool round trip, {@code previous_response_id}, retrieve, delete; the ledger holds each
 * call's exact usage, streams included. Bad input answers in OpenAI's error shape; stored responses
 * stay in their workspace and are purged after the retention period (30 s on the test server).
 */
class ResponsesIT {

  private static final String KEY = "sk-resp-" + UUID.randomUUID();
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final String OPENAI = "openai/gpt-resp-check";
  private static final String ANTHROPIC = "anthropic/claude-resp-check";
  private static final String GEMINI = "gemini/gemini-resp-check";
  private static final AdminApi ADMIN = AdminApi.admin();
  private static Simulator sim;
  private static OpenAIClient client;
  private static OpenAIClient stranger;
  private static String gatewayKey;
  private static String workspace;

  @BeforeAll
  static void setUp() {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(KEY))
            .addModels("openai", "gpt-resp-check")
            .addModels("anthropic", "claude-resp-check")
            .addModels("gemini", "gemini-resp-check");
    String s = UUID.randomUUID().toString().substring(0, 8);
    workspace = "resp-" + s;
    AdminApi user = AdminApi.newUser("resp-" + s, workspace);
    // the simulator reports cached and reasoning tokens when asked: exact usage has all four
    integration(user, "resp-openai-" + s, "openai", "/openai/v1", "gpt-resp-check");
    integration(user, "resp-anthropic-" + s, "anthropic", "/anthropic", "claude-resp-check");
    integration(user, "resp-gemini-" + s, "gemini", "/gemini", "gemini-resp-check");
    gatewayKey = user.post("/api/v1/api-keys", "{\"name\":\"resp\"}").json().get("key").asText();
    client = client(gatewayKey);
    AdminApi other = AdminApi.newUser("resp-other-" + s, "resp-other-" + s);
    stranger =
        client(other.post("/api/v1/api-keys", "{\"name\":\"other\"}").json().get("key").asText());
  }

  @AfterAll
  static void tearDown() {
    sim.close();
  }

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(SwitchboardServer.BASE_URL + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  private static void integration(
      AdminApi user, String name, String provider, String path, String model) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "\",\"providerId\":\""
                + provider
                + "\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + path
                + "\",\"maxRetries\":0,\"models\":[{\"modelId\":\""
                + model
                + "\"}],\"headers\":{\"X-Sim-Cached-Tokens\":\"2\",\"X-Sim-Reasoning-Tokens\":\"3\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {OPENAI, ANTHROPIC, GEMINI})
  void aResponseIsCreatedWithTheProvidersExactUsageInTheLedger(String model) {
    Response r =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(model)
                    .instructions("Be brief.")
                    .input("Say hello")
                    .build());

    assertThat(r.id()).startsWith("resp_");
    assertThat(text(r)).isEqualTo(REPLY);
    assertThat(r.status()).hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
    ResponseUsage usage = r.usage().orElseThrow();
    // "Be brief." and "Say hello": two words and three per message each
    assertThat(usage.inputTokens()).isEqualTo(10);
    assertExactUsage(model, usage);
    assertLedgerHas(r.id(), usage, "CHAT");
  }

  @ParameterizedTest
  @ValueSource(strings = {OPENAI, ANTHROPIC, GEMINI})
  void aStreamArrivesAsResponsesEventsEndingInCompletedWithTheUsage(String model) {
    List<String> deltas = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    Response[] completed = new Response[1];
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model(model).input("Say hello").build())) {
      stream.stream()
          .forEach(
              e -> {
                e.created().ifPresent(x -> kinds.add("created"));
                e.outputItemAdded().ifPresent(x -> kinds.add("item.added"));
                e.outputTextDelta().ifPresent(x -> deltas.add(x.delta()));
                e.outputTextDone().ifPresent(x -> kinds.add("text.done:" + x.text()));
                e.outputItemDone().ifPresent(x -> kinds.add("item.done"));
                e.completed().ifPresent(x -> completed[0] = x.response());
              });
    }

    assertThat(String.join("", deltas)).isEqualTo(REPLY);
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(kinds).containsExactly("created", "item.added", "text.done:" + REPLY, "item.done");
    assertThat(completed[0]).isNotNull();
    assertThat(text(completed[0])).isEqualTo(REPLY);
    ResponseUsage usage = completed[0].usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(5);
    assertExactUsage(model, usage);
    assertLedgerHas(completed[0].id(), usage, "STREAM");
    assertThat(client.responses().retrieve(completed[0].id()).id())
        .as("a streamed response is stored too")
        .isEqualTo(completed[0].id());
  }

  @ParameterizedTest
  @ValueSource(strings = {OPENAI, ANTHROPIC, GEMINI})
  void aFunctionToolRoundTripContinuesThePreviousResponse(String model) {
    Response asked =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(model)
                    .input("What is the weather in Paris?")
                    .addTool(weatherTool())
                    .build());
    ResponseFunctionToolCall call =
        asked.output().stream().flatMap(i -> i.functionCall().stream()).findFirst().orElseThrow();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).contains("Paris");
    sim.clearRequests();

    Response answered =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(model)
                    .previousResponseId(asked.id())
                    .inputOfResponse(
                        List.of(
                            ResponseInputItem.ofFunctionCallOutput(
                                ResponseInputItem.FunctionCallOutput.builder()
                                    .callId(call.callId())
                                    .output("{\"temperature_c\":18}")
                                    .build()),
                            ResponseInputItem.ofEasyInputMessage(
                                EasyInputMessage.builder()
                                    .role(EasyInputMessage.Role.USER)
                                    .content("Thanks, now sum it up")
                                    .build())))
                    .addTool(weatherTool())
                    .build());

    assertThat(text(answered)).isEqualTo(REPLY);
    assertThat(answered.previousResponseId()).hasValue(asked.id());
    String upstream = onlyUpstreamBody();
    assertThat(upstream)
        .as("the stored question, the model's call and its result went upstream")
        .contains("What is the weather in Paris?")
        // Gemini's wire has no call ids: it pairs a result with its call by the function's name
        .contains(
            model.equals(GEMINI) ? "\"functionResponse\":{\"name\":\"get_weather\"" : call.callId())
        .contains("temperature_c")
        .contains("Thanks, now sum it up");
    assertLedgerHas(answered.id(), answered.usage().orElseThrow(), "CHAT");
  }

  @Test
  void aStreamedToolCallArrivesAsArgumentDeltasAndAFunctionCallItem() {
    StringBuilder arguments = new StringBuilder();
    String[] done = new String[1];
    Response[] completed = new Response[1];
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model(ANTHROPIC)
                    .input("What is the weather in Paris?")
                    .addTool(weatherTool())
                    .store(false)
                    .build())) {
      stream.stream()
          .forEach(
              e -> {
                e.functionCallArgumentsDelta().ifPresent(d -> arguments.append(d.delta()));
                e.functionCallArgumentsDone().ifPresent(d -> done[0] = d.arguments());
                e.completed().ifPresent(c -> completed[0] = c.response());
              });
    }

    assertThat(done[0]).isEqualTo(arguments.toString()).contains("Paris");
    ResponseFunctionToolCall call =
        completed[0].output().stream()
            .flatMap(i -> i.functionCall().stream())
            .findFirst()
            .orElseThrow();
    assertThat(call.arguments()).isEqualTo(done[0]);
    assertLedgerHas(completed[0].id(), completed[0].usage().orElseThrow(), "STREAM");
    assertThatThrownBy(() -> client.responses().retrieve(completed[0].id()))
        .as("store=false keeps nothing")
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void previousResponseIdCarriesTheConversationButNotTheInstructions() {
    Response first =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(OPENAI)
                    .instructions("Answer in French.")
                    .input("My name is Ada Lovelace")
                    .build());
    sim.clearRequests();

    Response second =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(OPENAI)
                    .previousResponseId(first.id())
                    .input("What is my name?")
                    .build());

    JsonNode messages = json(onlyUpstreamBody()).get("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).toString()).contains("My name is Ada Lovelace");
    assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).toString()).contains("Switchboard");
    assertThat(messages.get(2).toString()).contains("What is my name?");
    assertThat(messages.toString()).doesNotContain("Answer in French.");
    assertThat(second.previousResponseId()).hasValue(first.id());
  }

  @Test
  void aStoredResponseIsRetrievedAndDeletedInItsWorkspaceOnly() {
    Response created =
        client.responses().create(ResponseCreateParams.builder().model(OPENAI).input("Hi").build());

    Response got = client.responses().retrieve(created.id());
    assertThat(got.id()).isEqualTo(created.id());
    assertThat(text(got)).isEqualTo(REPLY);
    assertThat(got.usage().orElseThrow().totalTokens())
        .isEqualTo(created.usage().orElseThrow().totalTokens());
    assertThatThrownBy(() -> stranger.responses().retrieve(created.id()))
        .as("another workspace's key")
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stranger.responses().delete(created.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                stranger
                    .responses()
                    .create(
                        ResponseCreateParams.builder()
                            .model(OPENAI)
                            .previousResponseId(created.id())
                            .input("x")
                            .build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("not found");

    client.responses().delete(created.id());

    assertThatThrownBy(() -> client.responses().retrieve(created.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.responses().delete(created.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anAdminDeletesEveryStoredResponseOfAWorkspace() {
    Response created =
        client.responses().create(ResponseCreateParams.builder().model(OPENAI).input("Hi").build());
    assertThat(client.responses().retrieve(created.id()).id()).isEqualTo(created.id());

    AdminApi.Reply r =
        ADMIN.send("DELETE", "/api/v1/stored-responses?workspace=" + workspace, null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("parts").asInt()).isPositive();
    assertThatThrownBy(() -> client.responses().retrieve(created.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(ADMIN.get("/api/v1/audit?action=responses.workspace.deleted").body())
        .contains(workspace);
  }

  @Test
  void aStoredResponseIsPurgedAfterTheRetentionPeriod() {
    Response created =
        client.responses().create(ResponseCreateParams.builder().model(OPENAI).input("Hi").build());
    assertThat(client.responses().retrieve(created.id()).id()).isEqualTo(created.id());

    // 30 s retention, purged every 5 s on the test server
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> client.responses().retrieve(created.id()))
                    .isInstanceOf(NotFoundException.class));
  }

  @Test
  void structuredOutputAsksTheProviderForJsonOrIsAClear400WhereItHasNone() {
    Response r = client.responses().create(jsonSchemaParams(OPENAI));

    assertThat(json(text(r)).has("reply")).as(text(r)).isTrue();
    // the Anthropic adapter has no JSON mode: refused, never answered as free text
    assertThatThrownBy(() -> client.responses().create(jsonSchemaParams(ANTHROPIC)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("JSON response formats");
  }

  private static ResponseCreateParams jsonSchemaParams(String model) {
    return ResponseCreateParams.builder()
        .model(model)
        .input("Say hello")
        .store(false)
        .text(
            ResponseTextConfig.builder()
                .format(
                    ResponseFormatTextJsonSchemaConfig.builder()
                        .name("reply")
                        .schema(
                            ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .build())
        .build();
  }

  @Test
  void aFailureMidStreamIsAnErrorEventThenResponseFailed() {
    sim.enqueueFault("openai", "stream-error-after=3");
    List<String> deltas = new ArrayList<>();
    String[] error = new String[1];
    String[] failed = new String[1];
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model(OPENAI).input("Say hello").build())) {
      stream.stream()
          .forEach(
              e -> {
                e.outputTextDelta().ifPresent(d -> deltas.add(d.delta()));
                e.error().ifPresent(x -> error[0] = x.message());
                e.failed()
                    .ifPresent(x -> failed[0] = x.response().status().orElseThrow().asString());
              });
    }

    assertThat(deltas).hasSize(3);
    assertThat(error[0]).isNotBlank();
    assertThat(failed[0]).isEqualTo("failed");
  }

  @Test
  void theRawStreamNumbersEveryEventAndNamesItByItsType() throws Exception {
    HttpResponse<String> r =
        post(
            "{\"model\":\""
                + OPENAI
                + "\",\"input\":\"Say hello\",\"stream\":true,\"store\":false}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<JsonNode> events = new ArrayList<>();
    for (String frame : r.body().split("\n\n")) {
      String[] lines = frame.split("\n");
      JsonNode data = json(lines[1].substring("data: ".length()));
      assertThat(lines[0]).isEqualTo("event: " + data.get("type").asText());
      events.add(data);
    }
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
    }
    assertThat(events.get(0).get("type").asText()).isEqualTo("response.created");
    assertThat(events.get(1).get("type").asText()).isEqualTo("response.in_progress");
    assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("response.completed");
  }

  @Test
  void badInputIsRefusedInOpenAisErrorShapeBeforeAnyUpstreamCall() throws Exception {
    sim.clearRequests();
    assertError(post("{not json"), 400, null);
    assertError(post("{\"input\":\"hi\"}"), 400, "model");
    assertError(post("{\"model\":\"" + OPENAI + "\"}"), 400, "input");
    assertError(
        post(
            "{\"model\":\""
                + OPENAI
                + "\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}"),
        400,
        "tools[0].type");
    assertError(
        post(
            "{\"model\":\""
                + OPENAI
                + "\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}"),
        400,
        "input[0].type");
    assertError(
        post(
            "{\"model\":\""
                + OPENAI
                + "\",\"input\":\"hi\",\"previous_response_id\":\"resp_nope\"}"),
        400,
        "previous_response_id");
    assertError(
        post("{\"model\":\"" + OPENAI + "\",\"input\":\"hi\",\"max_output_tokens\":-1}"),
        400,
        "max_output_tokens");
    assertThat(sim.requests()).as("nothing reached a provider").isEmpty();

    HttpResponse<String> noKey =
        SwitchboardServer.client()
            .send(
                HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertError(noKey, 401, null);
    HttpResponse<String> missing =
        SwitchboardServer.client()
            .send(
                HttpRequest.newBuilder(
                        URI.create(SwitchboardServer.BASE_URL + "/v1/responses/resp_missing"))
                    .header("Authorization", "Bearer " + gatewayKey)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertError(missing, 404, null);
  }

  /**
   * The simulator's numbers for an 8-token reply with 2 cached input tokens and 3 reasoning tokens:
   * OpenAI and Gemini count the reasoning in the output tokens; Anthropic reports none.
   */
  private static void assertExactUsage(String model, ResponseUsage usage) {
    boolean reportsReasoning = !model.equals(ANTHROPIC);
    assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(2);
    assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(reportsReasoning ? 3 : 0);
    assertThat(usage.outputTokens()).isEqualTo(reportsReasoning ? 11 : 8);
    assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
  }

  private static void assertError(HttpResponse<String> r, int status, String param) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = json(r.body()).get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
    if (param == null) {
      assertThat(error.get("param").isNull()).isTrue();
    } else {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return SwitchboardServer.client()
        .send(
            HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/responses"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + gatewayKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder()
        .name("get_weather")
        .description("The weather at a place")
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties",
                    JsonValue.from(
                        Map.of(
                            "location", Map.of("type", "string"),
                            "unit", Map.of("type", "string"))))
                .build())
        .strict(false)
        .build();
  }

  private static String text(Response r) {
    return r.output().stream()
        .flatMap(i -> i.message().stream())
        .flatMap(m -> m.content().stream())
        .flatMap(c -> c.outputText().stream())
        .map(ResponseOutputText::text)
        .collect(Collectors.joining());
  }

  private static String onlyUpstreamBody() {
    List<ReceivedRequest> sent =
        sim.requests().stream().filter(q -> q.method().equals("POST")).toList();
    assertThat(sent).hasSize(1);
    return sent.get(0).bodyText();
  }

  /** The ledger row of a response (its id is the request id) has exactly the usage it reported. */
  private static void assertLedgerHas(String responseId, ResponseUsage usage, String kind) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list = ADMIN.get("/api/v1/usage?requestId=" + responseId).json();
              assertThat(list.size()).as(list.toString()).isEqualTo(1);
              JsonNode e = list.get(0);
              assertThat(e.get("kind").asText()).isEqualTo(kind);
              assertThat(e.get("usageSource").asText())
                  .as("the provider's own numbers")
                  .isIn("REPORTED", "MAPPED");
              assertThat(e.get("inputTokens").asLong()).isEqualTo(usage.inputTokens());
              assertThat(e.get("outputTokens").asLong()).isEqualTo(usage.outputTokens());
              assertThat(e.get("cachedInputTokens").asLong())
                  .isEqualTo(usage.inputTokensDetails().cachedTokens());
              assertThat(e.get("reasoningTokens").asLong())
                  .isEqualTo(usage.outputTokensDetails().reasoningTokens());
              assertThat(e.get("totalTokens").asLong()).isEqualTo(usage.totalTokens());
            });
  }

  private static JsonNode json(String text) {
    try {
      return AdminApi.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
