package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Features, defaults and overrides, explain, the response cache, integration removal, the
 * cluster-wide rate limits and the router's metrics: through the admin API and {@code
 * /v1/chat/completions}, judged by openai-java, against two simulators.
 */
class FeaturesRoutingIT {

  private static final String KEY = "sk-feat-" + UUID.randomUUID();
  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final String WORKSPACE = "feat-" + S;
  private static Simulator simA;
  private static Simulator simB;
  private static AdminApi user;
  private static AdminApi admin;
  private static String integrationA;
  private static String integrationB;
  private static OpenAIClient client;
  private static String apiKey;

  @BeforeAll
  static void setUp() {
    simA = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    simB = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    simA.addModels("openai", "gpt-rate");
    user = AdminApi.newUser("feat-" + S, WORKSPACE);
    admin = AdminApi.admin();
    integrationA = integration("a-" + S, simA, "gpt-4o-mini", null);
    integrationB = integration("b-" + S, simB, "gpt-4o-mini", null);
    apiKey = key("{\"name\":\"features\"}");
    client = client(apiKey);
  }

  @AfterAll
  static void tearDown() {
    simA.close();
    simB.close();
  }

  @Test
  void aBuiltInFeatureRunsOnTheWorkspaceDefaultWithItsTemplate() {
    ok(
        admin.send(
            "PUT",
            "/api/v1/routing/defaults?workspace=" + WORKSPACE,
            "{\"providerId\":\"openai\",\"modelId\":\"gpt-4o-mini\",\"maxTokens\":300}"));

    JsonNode explain =
        ok(admin.get("/api/v1/routing/explain?model=conversation-summary&workspace=" + WORKSPACE));
    assertThat(explain.get("decidedBy").asText()).isEqualTo("workspace-default");
    assertThat(explain.get("defaults").get("maxTokensFrom").asText()).isEqualTo("workspace");
    assertThat(explain.get("contentVariables").toString()).contains("conversation");

    long bare = chat("openai/gpt-4o-mini").usage().orElseThrow().promptTokens();
    ChatCompletion summary = chat("conversation-summary");
    assertThat(summary.choices().get(0).message().content()).isPresent();
    // the built-in system prompt and user template went upstream with the message
    assertThat(summary.usage().orElseThrow().promptTokens()).isGreaterThan(bare + 20);

    assertThatThrownBy(() -> chat("answer-generation"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("passages");
    ChatCompletion answered =
        client
            .chat()
            .completions()
            .create(
                params("answer-generation")
                    .putAdditionalBodyProperty(
                        "variables",
                        JsonValue.from(Map.of("passages", "[1] Switchboard routes LLM calls.")))
                    .build());
    assertThat(answered.choices().get(0).message().content()).isPresent();
  }

  @Test
  void aFeatureRouteFallsBackAndAWorkspaceOverrideIsExplained() {
    String feature = "support-" + S;
    created(
        admin.post(
            "/api/v1/features",
            "{\"name\":\"" + feature + "\",\"systemPrompt\":\"You answer support questions.\"}"));
    route(feature, null, step(integrationA, 0), step(integrationB, 1));

    JsonNode explain =
        ok(admin.get("/api/v1/routing/explain?model=" + feature + "&workspace=" + WORKSPACE));
    assertThat(explain.get("decidedBy").asText()).isEqualTo("organization-route");
    assertThat(explain.get("steps")).hasSize(2);

    simA.setScenario("openai", "status=500");
    try {
      long before = simB.requestCount("openai");
      assertThat(chat(feature).choices()).hasSize(1);
      assertThat(simB.requestCount("openai")).isEqualTo(before + 1);
    } finally {
      simA.clearScenarios();
    }

    route(feature, WORKSPACE, step(integrationB, 0));
    JsonNode overridden =
        ok(admin.get("/api/v1/routing/explain?model=" + feature + "&workspace=" + WORKSPACE));
    assertThat(overridden.get("decidedBy").asText()).isEqualTo("workspace-route");
    assertThat(overridden.get("steps").get(0).get("integrationId").asText())
        .isEqualTo(integrationB);
    JsonNode elsewhere =
        ok(admin.get("/api/v1/routing/explain?model=" + feature + "&workspace=other-" + S));
    assertThat(elsewhere.get("decidedBy").asText()).isEqualTo("organization-route");
  }

  @Test
  void aDeploymentAliasAndTheDefaultModelAreRoutesToo() {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"aliased-"
                + S
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + simB.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\"gpt-4o-mini\",\"deploymentId\":\"alias-"
                + S
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);

    JsonNode alias =
        ok(admin.get("/api/v1/routing/explain?model=alias-" + S + "&workspace=" + WORKSPACE));
    assertThat(alias.get("decidedBy").asText()).isEqualTo("deployment-alias");
    long before = simB.requestCount("openai");
    assertThat(chat("alias-" + S).choices()).hasSize(1);
    assertThat(simB.requestCount("openai")).isEqualTo(before + 1);

    ok(
        admin.send(
            "PUT",
            "/api/v1/routing/defaults?workspace=" + WORKSPACE,
            "{\"providerId\":\"openai\",\"modelId\":\"gpt-4o-mini\",\"maxTokens\":300}"));
    JsonNode fallback =
        ok(admin.get("/api/v1/routing/explain?model=default&workspace=" + WORKSPACE));
    assertThat(fallback.get("decidedBy").asText()).isEqualTo("workspace-default");
    assertThat(chat("default").choices()).hasSize(1);

    AdminApi.Reply unknown = admin.get("/api/v1/routing/explain?model=nothing-" + S);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").get("message").asText()).contains("nothing-" + S);
  }

  @Test
  void aCachedFeatureAnswersRepeatsWithoutCallingUpstreamUntilItsCacheIsCleared() {
    String feature = "cached-" + S;
    created(
        admin.post(
            "/api/v1/features",
            "{\"name\":\"" + feature + "\",\"cacheTtlSeconds\":300,\"cacheMaxEntries\":10}"));
    route(feature, null, step(integrationA, 0));
    long before = simA.requestCount("openai");

    String first = chat(feature).choices().get(0).message().content().orElseThrow();
    String second = chat(feature).choices().get(0).message().content().orElseThrow();

    assertThat(second).isEqualTo(first);
    assertThat(simA.requestCount("openai")).isEqualTo(before + 1);
    assertThat(ok(admin.get("/api/v1/routing/summary")).get("cacheHits").asLong()).isPositive();
    assertThat(
            ok(admin.send("DELETE", "/api/v1/features/" + feature + "/cache", null))
                .get("cleared")
                .asInt())
        .isEqualTo(1);
    chat(feature);
    assertThat(simA.requestCount("openai")).isEqualTo(before + 2);
  }

  @Test
  void deletingAnIntegrationTakesItOutOfEveryRouteVisibly() {
    String doomed = integration("doomed-" + S, simA, "gpt-4o-mini", null);
    String feature = "doomed-" + S;
    created(admin.post("/api/v1/features", "{\"name\":\"" + feature + "\"}"));
    route(feature, null, step(doomed, 0));

    AdminApi.Reply deleted =
        user.send("DELETE", "/api/v1/integrations/" + doomed + "?confirm=true", null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

    assertThat(ok(admin.get("/api/v1/features/" + feature + "/route"))).isEmpty();
    assertThat(
            admin.get("/api/v1/audit?action=feature.route.unassigned&objectId=" + feature).body())
        .contains(doomed);
  }

  @Test
  void anIntegrationsRateLimitHoldsAndNamesWhenItResets() {
    integration("limited-" + S, simA, "gpt-rate", 2);
    assertThatLimitHolds(client, "openai/gpt-rate");
  }

  @Test
  void anApiKeysRequestsPerMinuteHold() {
    OpenAIClient limited = client(key("{\"name\":\"limited\",\"requestsPerMinute\":2}"));
    assertThatLimitHolds(limited, "openai/gpt-4o-mini");
  }

  @Test
  void aStreamsHeadersNameTheServingDeploymentAndAnEarlyFailureIsAnHttpError() throws Exception {
    HttpResponse<String> ok = stream("openai/gpt-4o-mini");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("x-switchboard-provider")).hasValue("openai");
    assertThat(ok.headers().firstValue("x-switchboard-model")).hasValue("gpt-4o-mini");
    assertThat(ok.headers().firstValue("x-switchboard-attempts")).hasValue("1");
    assertThat(ok.headers().firstValue("x-request-id")).isPresent();
    assertThat(ok.body()).contains("data: [DONE]");

    HttpResponse<String> unknown = stream("openai/no-such-model");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("model_not_found");
  }

  private static HttpResponse<String> stream(String model) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\""
                            + model
                            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRouterPublishesItsMetrics() throws Exception {
    chat("openai/gpt-4o-mini");
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(SwitchboardServer.BASE_URL + "/metrics?scope=application"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .contains("switchboard_requests_total")
        .contains("switchboard_tokens_total")
        .contains("switchboard_request_duration_seconds")
        .contains("switchboard_circuit_state");
  }

  /**
   * Two calls pass, the third is refused with 429 naming when the limit resets. The three calls are
   * made well inside one minute (the limits count per minute).
   */
  private static void assertThatLimitHolds(OpenAIClient c, String model) {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 30_000) {
      sleep(60_000 - intoMinute + 200);
    }
    c.chat().completions().create(params(model).build());
    c.chat().completions().create(params(model).build());
    assertThatThrownBy(() -> c.chat().completions().create(params(model).build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).isNotEmpty())
        .hasMessageContaining("resets in");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ChatCompletion chat(String model) {
    return client.chat().completions().create(params(model).build());
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is Switchboard?");
  }

  private static String step(String integrationId, int position) {
    return "{\"integrationId\":\""
        + integrationId
        + "\",\"modelId\":\"gpt-4o-mini\",\"position\":"
        + position
        + "}";
  }

  private static void route(String feature, String workspace, String... steps) {
    ok(
        admin.send(
            "PUT",
            "/api/v1/features/"
                + feature
                + "/route"
                + (workspace == null ? "" : "?workspace=" + workspace),
            "[" + String.join(",", steps) + "]"));
  }

  private static String integration(String name, Simulator sim, String model, Integer rpm) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\""
                + (rpm == null ? "" : ",\"rateLimitRpm\":" + rpm)
                + ",\"models\":[{\"modelId\":\""
                + model
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static String key(String json) {
    AdminApi.Reply r = user.post("/api/v1/api-keys", json);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("key").asText();
  }

  private static OpenAIClient client(String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(SwitchboardServer.BASE_URL + "/v1")
        .apiKey(apiKey)
        .maxRetries(0)
        .build();
  }

  private static JsonNode ok(AdminApi.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void created(AdminApi.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }
}
