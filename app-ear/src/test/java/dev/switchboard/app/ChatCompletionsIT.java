package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/chat/completions} through the router to the simulator, judged by the official
 * openai-java client: chat, streaming with the usage chunk, fallback between two integrations, bad
 * input refused before any upstream call, a mid-stream failure delivered as a stream error.
 */
class ChatCompletionsIT {

  private static final String KEY = "sk-chat-" + UUID.randomUUID();
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static Simulator healthy;
  private static Simulator broken;
  private static Simulator slow;
  private static Simulator dripping;
  private static String gatewayKey;
  private static OpenAIClient client;
  private static String apiKey;

  @BeforeAll
  static void setUp() {
    healthy = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    broken = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    broken.setScenario("openai", "status=500");
    slow = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(150));
    dripping = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    // OpenAI serves only the models an account has: these test models are added to it
    healthy.addModels("openai", "gpt-stream-check");
    slow.addModels("openai", "gpt-slow");
    dripping.addModels("openai", "gpt-drip");
    String s = UUID.randomUUID().toString().substring(0, 8);
    AdminApi user = AdminApi.newUser("chat-" + s, "chat-" + s);
    integration(user, "healthy-" + s, healthy, "gpt-4o-mini");
    integration(user, "broken-" + s, broken, "gpt-4o-mini");
    integration(user, "streams-" + s, healthy, "gpt-stream-check");
    integration(user, "slow-" + s, slow, "gpt-slow");
    AdminApi.Reply drip =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"drip-"
                + s
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + dripping.baseUrl()
                + "/openai/v1\",\"requestTimeoutSeconds\":60,\"maxRetries\":0,"
                + "\"models\":[{\"modelId\":\"gpt-drip\"}]}");
    assertThat(drip.status()).as(drip.body()).isEqualTo(201);
    integration(user, "embed-" + s, healthy, "text-embedding-3-small");
    apiKey = user.post("/api/v1/api-keys", "{\"name\":\"chat\"}").json().get("key").asText();
    gatewayKey = apiKey;
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(apiKey)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void tearDown() {
    healthy.close();
    broken.close();
    slow.close();
    dripping.close();
  }

  private static void integration(AdminApi user, String name, Simulator sim, String model) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\""
                + model
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void anUpstreamThatFallsSilentIsCutOffAfterTheIdleTimeoutNotTheRequestTimeout() throws Exception {
    // headers at once, then one byte every 8 s: the test server's idle timeout is 3 s, the
    // integration's request timeout 60 s
    dripping.setScenario("openai", "drip=8000");
    try {
      long start = System.nanoTime();
      java.net.http.HttpResponse<String> r =
          SwitchboardServer.client()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
                      .timeout(Duration.ofSeconds(90))
                      .header("Authorization", "Bearer " + gatewayKey)
                      .header("Content-Type", "application/json")
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"openai/gpt-drip\",\"messages\":[{\"role\":"
                                  + "\"user\",\"content\":\"hi\"}]}"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
      assertThat(r.body()).contains("upstream_timeout");
      assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
    } finally {
      dripping.clearScenarios();
    }
  }

  @Test
  void aChatIsAnsweredWhileOneOfTwoEquivalentIntegrationsFails() {
    for (int i = 0; i < 4; i++) {
      ChatCompletion c = client.chat().completions().create(params("openai/gpt-4o-mini").build());

      assertThat(c.choices().get(0).message().content()).hasValue(REPLY);
      assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(8);
      assertThat(c.model()).isEqualTo("openai/gpt-4o-mini");
    }
    assertThat(healthy.requestCount("openai")).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aStreamArrivesInPiecesWithTheUsageChunk() {
    List<String> pieces = new ArrayList<>();
    long[] usage = {-1};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                params("openai/gpt-stream-check")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk
                    .choices()
                    .forEach(
                        ch ->
                            ch.delta().content().filter(t -> !t.isEmpty()).ifPresent(pieces::add));
                chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
              });
    }

    assertThat(String.join("", pieces)).isEqualTo(REPLY);
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(usage[0]).isPositive();
  }

  @Test
  void theFirstTokenReachesTheCallerLongBeforeTheProviderSendsTheLast() {
    long start = System.nanoTime();
    List<Long> arrivals = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params("openai/gpt-slow").build())) {
      stream.stream()
          .forEach(
              chunk ->
                  chunk
                      .choices()
                      .forEach(
                          ch ->
                              ch.delta()
                                  .content()
                                  .filter(t -> !t.isEmpty())
                                  .ifPresent(
                                      t -> arrivals.add((System.nanoTime() - start) / 1_000_000))));
    }

    // 8 tokens 150 ms apart upstream: the first is relayed before the provider has sent the last.
    assertThat(arrivals).hasSize(8);
    assertThat(arrivals.get(7) - arrivals.get(0)).isGreaterThanOrEqualTo(700);
  }

  @Test
  void aFailureAfterTheFirstTokenReachesTheCallerAsAStreamError() {
    healthy.enqueueFault("openai", "stream-error-after=3");
    List<String> pieces = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client
                      .chat()
                      .completions()
                      .createStreaming(params("openai/gpt-stream-check").build())) {
                stream.stream()
                    .forEach(
                        chunk ->
                            chunk
                                .choices()
                                .forEach(
                                    ch ->
                                        ch.delta()
                                            .content()
                                            .filter(t -> !t.isEmpty())
                                            .ifPresent(pieces::add)));
              }
            })
        .isInstanceOf(RuntimeException.class);
    assertThat(pieces).hasSize(3);
  }

  @Test
  void embeddingsComeBackOnePerInputThroughTheOfficialClient() {
    var response =
        client
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("openai/text-embedding-3-small")
                    .inputOfArrayOfStrings(List.of("one", "two", "three"))
                    .build());

    assertThat(response.data()).hasSize(3);
    assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
    assertThat(response.data().get(0).embedding()).isNotEmpty();
    assertThat(response.usage().promptTokens()).isPositive();
  }

  @Test
  void badInputAndUnknownModelsAreRefusedBeforeAnyUpstreamCall() throws Exception {
    healthy.clearRequests();
    broken.clearRequests();

    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(params("openai/gpt-4o-mini").temperature(5.0).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.getMessage()).contains("temperature"));
    assertThatThrownBy(
            () -> client.chat().completions().create(params("openai/not-configured").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.chat().completions().create(params("no-slash").build()))
        .isInstanceOf(NotFoundException.class);

    // RELIABILITY.md case 17 through the real server: each a 4xx in OpenAI's shape naming the fault
    String user = "{\"role\":\"user\",\"content\":\"Say hello\"}";
    String model = "\"model\":\"openai/gpt-4o-mini\"";
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"pad\":\"" + "x".repeat(4_200_000) + "\"}",
        413,
        null,
        "larger than");
    assertRefused("{" + model + ",\"messages\":[" + user, 400, null, "could not parse the JSON");
    assertRefused("[" + user + "]", 400, null, "JSON object");
    assertRefused("{" + model + ",\"messages\":\"Say hello\"}", 400, "messages", "messages");
    assertRefused("{\"model\":42,\"messages\":[" + user + "]}", 400, "model", "model");
    assertRefused(
        "{" + model + ",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
        400,
        "messages[0].content",
        "content");
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"temperature\":\"hot\"}",
        400,
        "temperature",
        "temperature");
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"stream\":\"yes\"}", 400, "stream", "stream");
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"max_tokens\":\"lots\"}",
        400,
        "max_tokens",
        "max_tokens");
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"max_tokens\":2000000000}",
        400,
        "max_tokens",
        "max_tokens");
    assertRefused(
        "{" + model + ",\"messages\":[" + user + "],\"max_tokens\":0}",
        400,
        "max_tokens",
        "max_tokens");
    assertRefused(
        "{" + model + ",\"messages\":[" + (user + ",").repeat(2048) + user + "]}",
        400,
        "messages",
        "at most 2048");
    assertRefused("{" + model + ",\"messages\":[]}", 400, "messages", "messages");

    // what the upstreams received, not only how many: nothing of these calls. The server's own
    // scheduled connection test of a new integration (GET .../models, then a chat saying "ping")
    // may run meanwhile: it is the server's, not the caller's, and is left out
    java.util.function.Predicate<dev.switchboard.simulator.ReceivedRequest> scheduledTest =
        r -> r.path().endsWith("/models") || r.contains("\"ping\"");
    assertThat(healthy.requests()).filteredOn(scheduledTest.negate()).isEmpty();
    assertThat(broken.requests()).filteredOn(scheduledTest.negate()).isEmpty();
  }

  /** A raw POST to {@code /v1/chat/completions} is refused with this status, in OpenAI's shape. */
  private static void assertRefused(String body, int status, String param, String messagePart)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String shown = body.length() > 120 ? body.substring(0, 120) + "..." : body;
    assertThat(r.statusCode()).as(shown + " -> " + r.body()).isEqualTo(status);
    JsonNode error = AdminApi.JSON.readTree(r.body()).get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).as(r.body()).containsIgnoringCase(messagePart);
    if (param != null) {
      assertThat(error.get("param").asText()).as(r.body()).isEqualTo(param);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }
}
