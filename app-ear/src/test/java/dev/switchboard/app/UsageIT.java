package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage ledger through the real server: calls on {@code /v1/chat/completions} (the official
 * openai-java client against the simulator) become ledger entries with the provider's own usage; a
 * broken stream's entry is kept and marked incomplete; an enforcing limit answers 429 naming the
 * limit and its reset; the admin API validates limits and summarizes usage.
 */
class UsageIT {

  private static final String KEY = "sk-usage-" + UUID.randomUUID();
  private static Simulator sim;
  private static OpenAIClient client;
  private static String streamed;
  private static String breaking;
  private static String limited;
  private static String mine;
  private static final AdminApi ADMIN = AdminApi.admin();
  private static AdminApi owner;
  private static String workspace;

  @BeforeAll
  static void setUp() {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(KEY))
            .addModels(
                "openai",
                "gpt-usage-stream",
                "gpt-usage-break",
                "gpt-usage-limited",
                "gpt-usage-own");
    String s = UUID.randomUUID().toString().substring(0, 8);
    workspace = "usage-" + s;
    AdminApi user = AdminApi.newUser("usage-" + s, workspace);
    owner = user;
    streamed = integration(user, "usage-stream-" + s, "gpt-usage-stream");
    breaking = integration(user, "usage-break-" + s, "gpt-usage-break");
    limited = integration(user, "usage-limited-" + s, "gpt-usage-limited");
    mine = integration(user, "usage-own-" + s, "gpt-usage-own");
    String apiKey =
        user.post("/api/v1/api-keys", "{\"name\":\"usage\"}").json().get("key").asText();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(apiKey)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void tearDown() {
    sim.close();
  }

  private static String integration(AdminApi user, String name, String model) {
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
    return r.json().get("id").asText();
  }

  @Test
  void aStreamedCallIsCountedWithTheProvidersOwnUsage() {
    long[] total = {-1};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                params("openai/gpt-usage-stream")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chunk -> chunk.usage().ifPresent(u -> total[0] = u.totalTokens()));
    }
    assertThat(total[0]).isPositive();

    JsonNode entry = onlyEntry(streamed);
    assertThat(entry.get("kind").asText()).isEqualTo("STREAM");
    assertThat(entry.get("usageSource").asText()).isEqualTo("REPORTED");
    assertThat(entry.get("totalTokens").asLong()).isEqualTo(total[0]);
    assertThat(entry.get("model").asText()).isEqualTo("gpt-usage-stream");
    assertThat(entry.hasNonNull("errorCategory")).isFalse();
    assertThat(entry.hasNonNull("cost")).as("no price: unknown, not 0").isFalse();
  }

  @Test
  void aBrokenStreamIsKeptAndMarkedIncomplete() {
    sim.enqueueFault("openai", "stream-error-after=3");
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client
                      .chat()
                      .completions()
                      .createStreaming(params("openai/gpt-usage-break").build())) {
                stream.stream().forEach(chunk -> {});
              }
            })
        .isInstanceOf(RuntimeException.class);

    JsonNode entry = onlyEntry(breaking);
    assertThat(entry.get("kind").asText()).isEqualTo("STREAM");
    assertThat(entry.get("usageSource").asText()).isEqualTo("INCOMPLETE");
  }

  @Test
  void anEnforcingLimitAnswers429NamingTheLimitAndItsReset() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    AdminApi.Reply bad =
        ADMIN.send(
            "PUT",
            "/api/v1/integrations/" + limited + "/limit",
            "{\"maxTokens\":1,\"cycleDays\":91,\"recipients\":[\"ops@example.test\"]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/field").asText()).isEqualTo("cycleDays");
    AdminApi.Reply badMail =
        ADMIN.send(
            "PUT",
            "/api/v1/integrations/" + limited + "/limit",
            "{\"maxTokens\":1,\"cycleDays\":7,\"recipients\":[\"not an address\"]}");
    assertThat(badMail.status()).isEqualTo(400);
    assertThat(badMail.json().at("/error/field").asText()).isEqualTo("recipients");

    AdminApi.Reply put =
        ADMIN.send(
            "PUT",
            "/api/v1/integrations/" + limited + "/limit",
            "{\"maxTokens\":1,\"cycleDays\":7,\"startDate\":\""
                + today
                + "\",\"enforcing\":true,\"thresholds\":[80,100],"
                + "\"recipients\":[\"ops@example.test\"]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("enforcing").asBoolean()).isTrue();

    client.chat().completions().create(params("openai/gpt-usage-limited").build());
    assertThatThrownBy(
            () -> client.chat().completions().create(params("openai/gpt-usage-limited").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("Token limit of integration " + limited)
                    .contains("it resets at"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode view = ADMIN.get("/api/v1/integrations/" + limited + "/limit").json();
              assertThat(view.get("usedPercent").asInt()).isGreaterThanOrEqualTo(100);
              assertThat(
                      ADMIN.get("/api/v1/integrations/" + limited + "/notifications").json().size())
                  .isEqualTo(2);
            });
    AdminApi.Reply audit = ADMIN.get("/api/v1/audit?action=usage.limit.saved&objectId=" + limited);
    assertThat(audit.body()).contains("usage.limit.saved");
  }

  @Test
  void theSummaryGroupsByIntegrationAndTheOpenApiDocumentDescribesTheUsageApi() {
    client.chat().completions().create(params("openai/gpt-usage-stream").build());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode summary =
                  ADMIN
                      .get("/api/v1/usage/summary?groupBy=integration&integration=" + streamed)
                      .json();
              assertThat(summary.get("rows").size()).isEqualTo(1);
              assertThat(summary.at("/rows/0/requests").asLong()).isGreaterThanOrEqualTo(1);
              assertThat(summary.at("/rows/0/totalTokens").asLong()).isPositive();
            });
    assertThat(ADMIN.get("/api/v1/usage/summary?groupBy=week").status()).isEqualTo(400);
    String openapi =
        ADMIN.send("GET", "/openapi", "application/yaml", null, "application/json").body();
    assertThat(openapi)
        .contains("/api/v1/usage/summary")
        .contains("/api/v1/integrations/{id}/limit")
        .contains("/api/v1/notifications/log")
        .contains("/api/v1/prices");
  }

  @Test
  void aMemberSeesTheUsageEntriesOfTheirOwnIntegrationsOnly() {
    client.chat().completions().create(params("openai/gpt-usage-own").build());
    onlyOrMoreEntries(mine);
    AdminApi colleague =
        AdminApi.newUser(
            "usage-colleague-" + UUID.randomUUID().toString().substring(0, 8), workspace);

    JsonNode theirs = colleague.get("/api/v1/usage?integration=" + mine).json();
    JsonNode all = colleague.get("/api/v1/usage").json();
    JsonNode own = owner.get("/api/v1/usage?integration=" + mine).json();

    assertThat(theirs.size()).as(theirs.toString()).isZero();
    assertThat(all.size()).as(all.toString()).isZero();
    assertThat(own.size()).isPositive();
  }

  private static void onlyOrMoreEntries(String integrationId) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ADMIN.get("/api/v1/usage?integration=" + integrationId).json().size() > 0);
  }

  private static JsonNode onlyEntry(String integrationId) {
    JsonNode[] found = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list = ADMIN.get("/api/v1/usage?integration=" + integrationId).json();
              assertThat(list.size()).as(list.toString()).isEqualTo(1);
              found[0] = list.get(0);
            });
    return found[0];
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }
}
