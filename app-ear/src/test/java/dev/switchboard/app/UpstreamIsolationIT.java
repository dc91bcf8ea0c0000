package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What crosses the gateway between the caller and the upstream, read from what the simulator
 * received ({@code Simulator.requests()}): the caller's gateway key never goes upstream
 * (RELIABILITY.md case 18), and an upstream's garbled 200 never comes back to the caller (case 8).
 */
class UpstreamIsolationIT {

  private static final String UPSTREAM_KEY = "sk-upstream-" + UUID.randomUUID();
  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Simulator upstream;
  private static Simulator html;
  private static Simulator truncated;
  private static String gatewayKey;
  private static OpenAIClient client;

  @BeforeAll
  static void setUp() {
    upstream = Simulator.start(SimulatorOptions.defaults().withApiKey(UPSTREAM_KEY));
    html = Simulator.start(SimulatorOptions.defaults().withApiKey(UPSTREAM_KEY));
    truncated = Simulator.start(SimulatorOptions.defaults().withApiKey(UPSTREAM_KEY));
    upstream.addModels("openai", "gpt-isolated-" + S);
    html.addModels("openai", "gpt-html-" + S);
    truncated.addModels("openai", "gpt-truncated-" + S);
    // every request, retries included, gets the garbled answer
    html.setScenario("openai", "html-200");
    truncated.setScenario("openai", "malformed");
    AdminApi user = AdminApi.newUser("isolation-" + S, "isolation-" + S);
    integration(user, "isolated-" + S, upstream, "gpt-isolated-" + S);
    integration(user, "embedding-" + S, upstream, "text-embedding-3-small");
    integration(user, "html-" + S, html, "gpt-html-" + S);
    integration(user, "truncated-" + S, truncated, "gpt-truncated-" + S);
    gatewayKey =
        user.post("/api/v1/api-keys", "{\"name\":\"isolation\"}").json().get("key").asText();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(gatewayKey)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void tearDown() {
    upstream.close();
    html.close();
    truncated.close();
  }

  private static void integration(AdminApi user, String name, Simulator sim, String model) {
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + name
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + UPSTREAM_KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\""
                + model
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void theCallersGatewayKeyNeverReachesTheUpstream() {
    upstream.clearRequests();
    String model = "openai/gpt-isolated-" + S;
    client.chat().completions().create(chat(model).build());
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat(model).build())) {
      stream.stream().forEach(chunk -> {});
    }
    client
        .embeddings()
        .create(
            EmbeddingCreateParams.builder()
                .model("openai/text-embedding-3-small")
                .input("isolation")
                .build());
    // the caller's own headers too: a gateway must not pass them through
    client
        .chat()
        .completions()
        .create(
            chat(model)
                .putAdditionalHeader("X-Api-Key", gatewayKey)
                .putAdditionalHeader("Proxy-Authorization", "Bearer " + gatewayKey)
                .build());

    List<ReceivedRequest> received = upstream.requests("openai");
    assertThat(received).hasSize(4);
    String secret = gatewayKey.substring(gatewayKey.length() - 16);
    for (ReceivedRequest r : received) {
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
      assertThat(r.contains(gatewayKey)).as(r.toString()).isFalse();
      assertThat(r.contains(secret)).as(r.toString()).isFalse();
      assertThat(r.header("X-Api-Key")).isNull();
      assertThat(r.header("Proxy-Authorization")).isNull();
    }
  }

  @Test
  void anHtmlPageWithStatus200IsASanitized502() throws Exception {
    HttpResponse<String> r = chatRaw("openai/gpt-html-" + S);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertSanitized(r);
    assertThat(r.body()).doesNotContain("Captive portal").doesNotContain("<html");
    assertThat(html.requests("openai")).isNotEmpty();
  }

  @Test
  void aTruncatedJsonBodyWithStatus200IsASanitized502() throws Exception {
    HttpResponse<String> r = chatRaw("openai/gpt-truncated-" + S);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertSanitized(r);
    assertThat(r.body()).doesNotContain("sim-truncated").doesNotContain("chat.completion");
    assertThat(truncated.requests("openai")).isNotEmpty();
  }

  /** OpenAI's error shape, JSON, with the gateway's own words. */
  private static void assertSanitized(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = AdminApi.JSON.readTree(r.body()).get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.get("type").asText()).isEqualTo("upstream_error");
    assertThat(error.get("message").asText()).isNotBlank();
  }

  private static HttpResponse<String> chatRaw(String model) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
            .header("Authorization", "Bearer " + gatewayKey)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }
}
