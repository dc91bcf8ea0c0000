package dev.switchboard.app;

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
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/messages} judged by the official anthropic-java client, pointed at the gateway with a
 * gateway key: messages, streams, a tool-use round trip and token counting, routed to an OpenAI, an
 * Anthropic, a Gemini and a Bedrock deployment on the simulator; the usage ledger holds the tokens
 * each reply reported, streams included.
 */
class AnthropicMessagesIT {

  static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final String KEY = "sk-msgs-" + UUID.randomUUID();
  private static final SimulatorOptions.Aws AWS = SimulatorOptions.Aws.DEFAULTS;
  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  static final String OPENAI = "openai/gpt-msgs-" + S;
  static final String ANTHROPIC = "anthropic/claude-msgs-" + S;
  static final String GEMINI = "gemini/gemini-msgs-" + S;
  static final String BEDROCK = "bedrock/amazon.nova-msgs-" + S + "-v1:0";
  static final String CACHED = "anthropic/claude-msgs-cached-" + S;
  static final String LIMITED = "openai/gpt-msgs-limited-" + S;
  static final String DOWN = "openai/gpt-msgs-down-" + S;
  static final String CUT = "openai/gpt-msgs-cut-" + S;
  private static final AdminApi ADMIN = AdminApi.admin();
  private static Simulator sim;
  static String apiKey;
  private static String openAiIntegration;
  private static AnthropicClient client;

  @BeforeAll
  static void setUp() {
    sim = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    sim.addModels("openai", model(OPENAI));
    sim.addModels("anthropic", model(ANTHROPIC), model(CACHED));
    sim.addModels("gemini", model(GEMINI));
    sim.addModels("openai", model(LIMITED), model(DOWN), model(CUT));
    AdminApi user = AdminApi.newUser("msgs-" + S, "msgs-" + S);
    openAiIntegration =
        integration(user, "msgs-openai", "openai", sim.baseUrl() + "/openai/v1", KEY, OPENAI, "");
    integration(
        user, "msgs-anthropic", "anthropic", sim.baseUrl() + "/anthropic", KEY, ANTHROPIC, "");
    integration(user, "msgs-gemini", "gemini", sim.baseUrl() + "/gemini", KEY, GEMINI, "");
    integration(
        user,
        "msgs-bedrock",
        "bedrock",
        sim.baseUrl() + "/bedrock",
        AWS.secretAccessKey(),
        BEDROCK,
        ",\"aws\":{\"region\":\"us-east-1\",\"accessKeyId\":\"" + AWS.accessKeyId() + "\"}");
    // its upstream reports 4 tokens read from the prompt cache and 6 written to it
    integration(
        user,
        "msgs-cached",
        "anthropic",
        sim.baseUrl() + "/anthropic",
        KEY,
        CACHED,
        ",\"headers\":{\"X-Sim-Cached-Tokens\":\"4\",\"X-Sim-Cache-Write-Tokens\":\"6\"}");
    // each fails every call the same way (its own header asks the simulator), none retried
    failing(user, "msgs-limited", LIMITED, "status=429;retry-after=3");
    failing(user, "msgs-down", DOWN, "status=503");
    failing(user, "msgs-cut", CUT, "stream-error-after=3");
    apiKey = user.post("/api/v1/api-keys", "{\"name\":\"msgs\"}").json().get("key").asText();
    client = client(apiKey);
  }

  @AfterAll
  static void tearDown() {
    sim.close();
  }

  static AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(SwitchboardServer.BASE_URL)
        .apiKey(key)
        .maxRetries(0)
        .build();
  }

  private static String model(String gatewayModel) {
    return gatewayModel.substring(gatewayModel.indexOf('/') + 1);
  }

  private static String integration(
      AdminApi user,
      String name,
      String provider,
      String baseUrl,
      String secret,
      String gatewayModel,
      String extra) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "-"
                + S
                + "\",\"providerId\":\""
                + provider
                + "\",\"apiKey\":\""
                + secret
                + "\",\"baseUrl\":\""
                + baseUrl
                + "\""
                + extra
                + ",\"models\":[{\"modelId\":\""
                + model(gatewayModel)
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static void failing(AdminApi user, String name, String gatewayModel, String fault) {
    integration(
        user,
        name,
        "openai",
        sim.baseUrl() + "/openai/v1",
        KEY,
        gatewayModel,
        ",\"maxRetries\":0,\"headers\":{\"X-Sim-Fault\":\"" + fault + "\"}");
  }

  static MessageCreateParams.Builder params(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(1024)
        .system("You are terse.")
        .addUserMessage("Say hello to the gateway");
  }

  static Tool forecastTool() {
    return Tool.builder()
        .name("get_forecast")
        .description("The forecast for a place")
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(
                    JsonValue.from(
                        Map.of(
                            "location", Map.of("type", "string"),
                            "unit", Map.of("type", "string"))))
                .build())
        .build();
  }

  /** A question the model must answer with a call of {@link #forecastTool} (tool_choice any). */
  static MessageCreateParams.Builder askForTheForecast(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(1024)
        .addUserMessage("What is it like in Paris today?")
        .addTool(forecastTool())
        .toolChoice(ToolChoiceAny.builder().build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini", "bedrock"})
  void aMessageIsAnsweredAndTheLedgerHoldsItsExactUsage(String family) {
    String model = modelOf(family);
    Message message = client.messages().create(params(model).build());

    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.model().asString()).isEqualTo(model);
    assertThat(message.usage().outputTokens()).isEqualTo(8);
    assertThat(message.usage().inputTokens()).isPositive();
    assertLedgerMatches(message.id(), message.usage(), model, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini", "bedrock"})
  void aStreamArrivesAsAnthropicsEventsAndTheLedgerHoldsItsExactUsage(String family) {
    String model = modelOf(family);
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> pieces = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params(model).build())) {
      stream.stream()
          .forEach(
              e -> {
                accumulator.accumulate(e);
                e.contentBlockDelta()
                    .flatMap(d -> d.delta().text())
                    .ifPresent(t -> pieces.add(t.text()));
              });
    }

    Message message = accumulator.message();
    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(8);
    assertThat(message.usage().inputTokens()).isPositive();
    assertLedgerMatches(message.id(), message.usage(), model, true);
  }

  @Test
  void cacheReadsAreReportedApartFromTheInputWholeAndStreamedAndLedgered() {
    long uncached = client.messages().create(params(ANTHROPIC).build()).usage().inputTokens();

    Message message = client.messages().create(params(CACHED).build());
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params(CACHED).build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message streamed = accumulator.message();

    for (Message m : List.of(message, streamed)) {
      assertThat(m.usage().cacheReadInputTokens()).contains(4L);
      // cache writes are not in the neutral model: they stay inside input_tokens, unknown apart
      assertThat(m.usage().inputTokens()).isEqualTo(uncached - 4);
      assertThat(m.usage().cacheCreationInputTokens()).isEmpty();
    }
    assertLedgerMatches(message.id(), message.usage(), CACHED, false);
    assertLedgerMatches(streamed.id(), streamed.usage(), CACHED, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini"})
  void aToolUseRoundTripCallsTheToolThenAnswersWithItsResult(String family) {
    String model = modelOf(family);
    MessageCreateParams ask = askForTheForecast(model).build();

    Message call = client.messages().create(ask);

    assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
    ToolUseBlock use =
        call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
    assertThat(use.name()).isEqualTo("get_forecast");
    assertThat(use._input().convert(Map.class))
        .isEqualTo(Map.of("location", "Paris", "unit", "celsius"));
    assertLedgerMatches(call.id(), call.usage(), model, false);

    MessageCreateParams answer =
        MessageCreateParams.builder()
            .model(model)
            .maxTokens(1024)
            .addUserMessage("What is it like in Paris today?")
            .addTool(forecastTool())
            .addMessage(call)
            .addUserMessageOfContentBlockParams(
                List.of(
                    ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder()
                            .toolUseId(use.id())
                            .content("18 C and sunny")
                            .build()),
                    ContentBlockParam.ofText(
                        TextBlockParam.builder().text("Thanks, now sum it up.").build())))
            .build();
    Message reply = client.messages().create(answer);

    assertThat(reply.stopReason()).contains(StopReason.END_TURN);
    assertThat(reply.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(reply.usage().inputTokens())
        .as("the second turn carries the call and its result")
        .isGreaterThan(call.usage().inputTokens());
    assertLedgerMatches(reply.id(), reply.usage(), model, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic", "gemini"})
  void aStreamedToolCallAccumulatesToTheSameCall(String family) {
    String model = modelOf(family);
    MessageCreateParams ask = askForTheForecast(model).build();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask)) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    ToolUseBlock use =
        message.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
    assertThat(use.name()).isEqualTo("get_forecast");
    assertThat(use.id()).isNotBlank();
    assertThat(use._input().convert(Map.class))
        .isEqualTo(Map.of("location", "Paris", "unit", "celsius"));
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    assertLedgerMatches(message.id(), message.usage(), model, true);
  }

  @Test
  void aFeatureNameRoutesWithItsTemplateAndTheCallersVariables() {
    String feature = "msgs-support-" + S;
    AdminApi.Reply created =
        ADMIN.post(
            "/api/v1/features",
            "{\"name\":\""
                + feature
                + "\",\"systemPrompt\":\"You answer questions about {{content.product}}.\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    AdminApi.Reply routed =
        ADMIN.send(
            "PUT",
            "/api/v1/features/" + feature + "/route",
            "[{\"integrationId\":\""
                + openAiIntegration
                + "\",\"modelId\":\""
                + model(OPENAI)
                + "\",\"position\":0}]");
    assertThat(routed.status()).as(routed.body()).isEqualTo(200);
    sim.clearRequests();

    Message message =
        client
            .messages()
            .create(
                params(feature)
                    .putAdditionalBodyProperty(
                        "variables", JsonValue.from(Map.of("product", "Switchboard-" + S)))
                    .build());

    assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo(REPLY);
    assertThat(sim.requests("openai"))
        .filteredOn(r -> r.contains("You answer questions about Switchboard-" + S + "."))
        .hasSize(1);
    assertLedgerMatches(message.id(), message.usage(), OPENAI, false);
    assertThatThrownBy(() -> client.messages().create(params(feature).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.body().toString()).contains("invalid_request_error");
              assertThat(e.getMessage()).contains("product");
            });
  }

  @Test
  void toolsToBedrockAreRefusedWithAClear400InAnthropicsShape() {
    MessageCreateParams ask =
        MessageCreateParams.builder()
            .model(BEDROCK)
            .maxTokens(1024)
            .addUserMessage("What is it like in Paris today?")
            .addTool(forecastTool())
            .build();

    assertThatThrownBy(() -> client.messages().create(ask))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.body().toString())
                  .contains("invalid_request_error")
                  .containsIgnoringCase("not supported for Bedrock");
            });
  }

  @Test
  void tokensAreCountedWithoutCallingAProvider() {
    sim.clearRequests();
    long counted =
        client
            .messages()
            .countTokens(
                MessageCountTokensParams.builder()
                    .model(ANTHROPIC)
                    .addUserMessage("Say hello to the gateway")
                    .build())
            .inputTokens();

    // 24 characters (6 tokens) and 4 for the message's framing: the gateway's own estimate
    assertThat(counted).isEqualTo(10);
    assertThat(sim.requests()).filteredOn(r -> r.path().contains("count_tokens")).isEmpty();
  }

  @Test
  void theModelsAreListedInAnthropicsShapeForAnAnthropicClient() throws Exception {
    List<ModelInfo> models = client.models().list().data();

    assertThat(models)
        .extracting(ModelInfo::id)
        .contains(OPENAI, ANTHROPIC, GEMINI, BEDROCK, LIMITED);
    assertThat(models.get(0).createdAt()).isNotNull();
    // without anthropic-version the same path stays OpenAI's list
    var openAi =
        SwitchboardServer.get(
            SwitchboardServer.client(), "/v1/models", "Authorization", "Bearer " + apiKey);
    JsonNode list = AdminApi.JSON.readTree(openAi.body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.at("/data/0/object").asText()).isEqualTo("model");
  }

  @Test
  void theKeyWorksAsBearerTooAndAWrongKeyIsRefusedInAnthropicsShape() {
    AnthropicClient bearer =
        AnthropicOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL)
            .authToken(apiKey)
            .maxRetries(0)
            .build();
    assertThat(bearer.messages().create(params(OPENAI).build()).content()).isNotEmpty();

    assertThatThrownBy(
            () ->
                client("sb-not-a-real-key-000000000000000000")
                    .messages()
                    .create(params(OPENAI).build()))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> assertThat(e.body().toString()).contains("authentication_error"));
  }

  @Test
  void theCallersKeySentAsXApiKeyReachesNoUpstream() {
    // RELIABILITY.md case 18 for this door: the SDK sends the gateway key as x-api-key, which is
    // also the header Anthropic's upstream reads; the gateway must put its own key there
    sim.clearRequests();
    for (String model : List.of(ANTHROPIC, OPENAI)) {
      client.messages().create(params(model).build());
      try (StreamResponse<RawMessageStreamEvent> stream =
          client.messages().createStreaming(params(model).build())) {
        assertThat(stream.stream().count()).isPositive();
      }
    }

    assertThat(sim.requests()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(sim.requests()).noneMatch(r -> r.contains(apiKey));
  }

  @Test
  void anUnknownModelIsA404NotFoundError() {
    assertThatThrownBy(() -> client.messages().create(params("openai/not-configured").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.body().toString()).contains("not_found_error"));
  }

  @Test
  void upstreamFailuresArriveInAnthropicsShapeWithTheirStatus() {
    assertThatThrownBy(() -> client.messages().create(params(LIMITED).build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.body().toString()).contains("rate_limit_error"));

    assertThatThrownBy(() -> client.messages().create(params(DOWN).build()))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(529);
              assertThat(e.body().toString()).contains("overloaded_error");
            });
  }

  @Test
  void aFailureAfterTheFirstTokenIsAnErrorEventMidStream() {
    List<String> pieces = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<RawMessageStreamEvent> stream =
                  client.messages().createStreaming(params(CUT).build())) {
                stream.stream()
                    .forEach(
                        e ->
                            e.contentBlockDelta()
                                .flatMap(d -> d.delta().text())
                                .ifPresent(t -> pieces.add(t.text())));
              }
            })
        .isInstanceOfSatisfying(
            SseException.class, e -> assertThat(e.body().toString()).contains("error"));
    assertThat(pieces).hasSize(3);
  }

  @Test
  void badInputIsRefusedInAnthropicsShapeNamingTheFieldBeforeAnyUpstreamCall() throws Exception {
    sim.clearRequests();
    String user = "{\"role\":\"user\",\"content\":\"Say hello\"}";
    String head = "{\"model\":\"" + OPENAI + "\",\"max_tokens\":64,";

    assertRefused(head + "\"messages\":[" + user, 400, "invalid_request_error", "not valid JSON");
    assertRefused("[" + user + "]", 400, "invalid_request_error", "JSON object");
    assertRefused(
        "{\"model\":\"" + OPENAI + "\",\"messages\":[" + user + "]}",
        400,
        "invalid_request_error",
        "max_tokens: Field required");
    assertRefused(head + "\"messages\":[]}", 400, "invalid_request_error", "messages");
    assertRefused(
        head + "\"messages\":[{\"role\":\"user\"}]}",
        400,
        "invalid_request_error",
        "messages.0.content: Field required");
    assertRefused(
        head + "\"temperature\":3,\"messages\":[" + user + "]}",
        400,
        "invalid_request_error",
        "temperature");
    assertRefused(
        head
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
            + "\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"x\"}}]}]}",
        400,
        "invalid_request_error",
        "messages.0.content.0.type");
    assertRefused(
        head
            + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
            + "\"messages\":["
            + user
            + "]}",
        400,
        "invalid_request_error",
        "tools.0.type");
    assertRefused(
        head + "\"messages\":[" + user + "],\"pad\":\"" + "x".repeat(4_200_000) + "\"}",
        413,
        "request_too_large",
        "larger than");

    // what the upstream received, not only how many: nothing of these calls (the server's own
    // scheduled connection test, a models listing or a "ping" chat, is left out)
    assertThat(sim.requests())
        .filteredOn(r -> !r.path().endsWith("/models") && !r.contains("\"ping\""))
        .isEmpty();
  }

  @Test
  void aMissingKeyAndAccountCredentialsAreRefusedInAnthropicsShape() throws Exception {
    String body =
        "{\"model\":\""
            + OPENAI
            + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> none = post("/v1/messages", body);
    HttpResponse<String> basic =
        post("/v1/messages", body, "Authorization", SwitchboardServer.basicAuth("admin", "x"));
    HttpResponse<String> modelsWithoutKey =
        SwitchboardServer.get(
            SwitchboardServer.client(), "/v1/models", "anthropic-version", "2023-06-01");

    assertError(none, 401, "authentication_error", "x-api-key");
    assertError(basic, 403, "permission_error", "gateway API key");
    assertError(modelsWithoutKey, 401, "authentication_error", "API key");
  }

  @Test
  void whatTheNeutralModelCannotCarryIsDroppedAndNamedBack() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/messages",
            "{\"model\":\""
                + ANTHROPIC
                + "\",\"max_tokens\":2048,\"top_k\":5,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be terse.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}",
            "x-api-key",
            apiKey);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-switchboard-dropped"))
        .contains("cache_control,thinking,top_k");
    JsonNode message = AdminApi.JSON.readTree(r.body());
    assertThat(message.at("/content/0/text").asText()).isEqualTo(REPLY);
    // nothing of the dropped settings reached the provider
    assertThat(sim.requests("anthropic"))
        .filteredOn(q -> q.contains(model(ANTHROPIC)) && q.contains("Be terse."))
        .isNotEmpty()
        .allSatisfy(
            q -> {
              assertThat(q.contains("cache_control")).isFalse();
              assertThat(q.contains("budget_tokens")).isFalse();
            });
  }

  private static HttpResponse<String> post(String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(SwitchboardServer.uri(path))
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/json")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(String body, int status, String type, String messagePart)
      throws Exception {
    assertError(post("/v1/messages", body, "x-api-key", apiKey), status, type, messagePart);
  }

  private static void assertError(
      HttpResponse<String> r, int status, String type, String messagePart) throws Exception {
    String shown = r.body().length() > 200 ? r.body().substring(0, 200) + "..." : r.body();
    assertThat(r.statusCode()).as(shown).isEqualTo(status);
    JsonNode error = AdminApi.JSON.readTree(r.body());
    assertThat(error.get("type").asText()).as(shown).isEqualTo("error");
    assertThat(error.at("/error/type").asText()).as(shown).isEqualTo(type);
    assertThat(error.at("/error/message").asText()).as(shown).containsIgnoringCase(messagePart);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String modelOf(String family) {
    return switch (family) {
      case "openai" -> OPENAI;
      case "anthropic" -> ANTHROPIC;
      case "gemini" -> GEMINI;
      case "bedrock" -> BEDROCK;
      default -> throw new IllegalArgumentException(family);
    };
  }

  /**
   * The ledger row of the call whose message id the gateway gave ({@code msg_<request id>}) holds
   * the tokens the caller was told: Anthropic's input excludes cache reads, the ledger's includes
   * them.
   */
  private static void assertLedgerMatches(
      String messageId, Usage usage, String model, boolean stream) {
    assertThat(messageId).startsWith("msg_");
    String requestId = messageId.substring(4);
    JsonNode[] found = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list = ADMIN.get("/api/v1/usage?requestId=" + requestId).json();
              assertThat(list.size()).as(list.toString()).isEqualTo(1);
              found[0] = list.get(0);
            });
    JsonNode entry = found[0];
    long cacheRead = usage.cacheReadInputTokens().orElse(0L);
    // REPORTED as the provider sent it, or MAPPED from its own arithmetic (Anthropic's input)
    assertThat(entry.get("usageSource").asText()).isIn("REPORTED", "MAPPED");
    assertThat(entry.get("inputTokens").asLong()).isEqualTo(usage.inputTokens() + cacheRead);
    assertThat(entry.get("cachedInputTokens").asLong()).isEqualTo(cacheRead);
    assertThat(entry.get("outputTokens").asLong()).isEqualTo(usage.outputTokens());
    assertThat(entry.get("model").asText()).isEqualTo(model(model));
    assertThat(entry.get("kind").asText().equals("STREAM")).isEqualTo(stream);
  }
}
