package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import dev.switchboard.simulator.custom.OAuthTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A custom LLM (bring your own) integration end to end: an OAuth 2.0 auth profile against the
 * simulator's token endpoint, a request template with a variable, a response mapping with token
 * keys, SSE streaming; then chat and stream through {@code POST /v1/chat/completions} with a
 * gateway key, judged by openai-java, with usage from the mapped token keys.
 */
class CustomLlmIT {

  private static final String KEY = "sk-byo-" + UUID.randomUUID();
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final String MODEL = "acme-" + S;
  private static final String ESTIMATED_MODEL = "acme-estimated-" + S;

  private static final String TEMPLATE =
      "{\"input\":\"{{prompt}}\",\"params\":{\"max_tokens\":\"{{max_tokens}}\","
          + "\"temperature\":\"{{temperature}}\"},\"stream\":\"{{stream}}\","
          + "\"tenant\":\"{{env.BYO_TENANT}}\"}";

  private static Simulator sim;
  private static AdminApi user;
  private static OpenAIClient client;
  private static String profileId;
  private static String integrationName;

  @BeforeAll
  static void setUp() {
    sim = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    user = AdminApi.newUser("byo-" + S, "byo-" + S);
    created(
        user.post(
            "/api/v1/variables",
            "{\"scope\":\"env\",\"name\":\"BYO_TENANT\",\"value\":\"acme\",\"secure\":false}"));
    profileId =
        created(
                user.post(
                    "/api/v1/auth-profiles",
                    "{\"name\":\"oauth-"
                        + S
                        + "\",\"kind\":\"OAUTH2_CLIENT_CREDENTIALS\",\"username\":\""
                        + OAuthTokens.CLIENT_ID
                        + "\",\"secret\":\""
                        + KEY
                        + "\",\"scope\":\"generate\",\"tokenEndpoint\":\""
                        + sim.baseUrl()
                        + "/custom/oauth2/token\"}"))
            .get("id")
            .asText();
    integrationName = "byo-" + S;
    String id = integration(integrationName, MODEL);
    wire(
        id, ",\"inputTokensPath\":\"$.meta.tokens_in\",\"outputTokensPath\":\"$.meta.tokens_out\"");
    attach(id);
    String estimated = integration("byo-estimated-" + S, ESTIMATED_MODEL);
    wire(estimated, "");
    attach(estimated);
    String apiKey = user.post("/api/v1/api-keys", "{\"name\":\"byo\"}").json().get("key").asText();
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

  private static String integration(String name, String model) {
    return created(
            user.post(
                "/api/v1/integrations",
                "{\"name\":\""
                    + name
                    + "\",\"providerId\":\"byo\",\"baseUrl\":\""
                    + sim.baseUrl()
                    + "/custom/generate\",\"models\":[{\"modelId\":\""
                    + model
                    + "\"}]}"))
        .get("id")
        .asText();
  }

  private static void wire(String id, String tokenPaths) {
    AdminApi.Reply r =
        user.send(
            "PUT",
            "/api/v1/integrations/" + id + "/custom-llm",
            "{\"requestTemplate\":"
                + TEMPLATE
                + ",\"response\":{\"textPath\":\"$.output.text\",\"finishReasonPath\":\"$.output.stop\""
                + tokenPaths
                + "},\"stream\":{\"format\":\"sse\",\"deltaPath\":\"$.delta.text\","
                + "\"finishReasonPath\":\"$.stop\",\"inputTokensPath\":\"$.meta.tokens_in\","
                + "\"outputTokensPath\":\"$.meta.tokens_out\"},"
                + "\"testPayload\":{\"messages\":[{\"role\":\"user\",\"content\":\"Are you there?\"}],"
                + "\"max_tokens\":4}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static void attach(String id) {
    AdminApi.Reply r =
        user.send(
            "PUT",
            "/api/v1/integrations/" + id + "/auth-profile",
            "{\"authProfileId\":\"" + profileId + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("authProfileId").asText()).isEqualTo(profileId);
  }

  private static JsonNode created(AdminApi.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void aChatIsAnsweredThroughTheTemplateWithUsageFromTheMappedTokenKeys() {
    ChatCompletion c = client.chat().completions().create(params("byo/" + MODEL).build());

    assertThat(c.choices().get(0).message().content()).hasValue(REPLY);
    // "Say hello" is 2 words for the simulator; an estimate would have said 4
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(2);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(8);
    assertThat(sim.oauthTokens().issuedCount()).isPositive();
  }

  @Test
  void aStreamArrivesInPiecesWithTheMappedUsage() {
    List<String> pieces = new ArrayList<>();
    long[] usage = {-1, -1};
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                params("byo/" + MODEL)
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
                chunk
                    .usage()
                    .ifPresent(
                        u -> {
                          usage[0] = u.promptTokens();
                          usage[1] = u.completionTokens();
                        });
              });
    }

    assertThat(String.join("", pieces)).isEqualTo(REPLY);
    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(usage).containsExactly(2, 8);
  }

  @Test
  void withoutTokenKeysUsageIsEstimatedAndTheIntegrationWarns() {
    ChatCompletion c = client.chat().completions().create(params("byo/" + ESTIMATED_MODEL).build());
    assertThat(c.choices().get(0).message().content()).hasValue(REPLY);
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(4);

    JsonNode integration =
        user.get("/api/v1/integrations").json().findParents("name").stream()
            .filter(n -> n.path("name").asText().equals("byo-estimated-" + S))
            .findFirst()
            .orElseThrow();
    JsonNode wire =
        user.get("/api/v1/integrations/" + integration.get("id").asText() + "/custom-llm").json();
    assertThat(wire.get("usageTracked").asBoolean()).isFalse();
    assertThat(wire.get("warnings").toString()).contains("estimated");
  }

  @Test
  void theConnectionTestSendsTheSavedPayloadWithTheProfile() {
    String id = idOf(integrationName);
    JsonNode result = user.post("/api/v1/integrations/" + id + "/test", "{}").json();
    assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.get("model").asText()).isEqualTo(MODEL);
  }

  @Test
  void aProfileInUseCannotBeDeletedAndItsSecretIsNeverShown() {
    AdminApi.Reply refused = user.send("DELETE", "/api/v1/auth-profiles/" + profileId, null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText()).contains(integrationName);

    AdminApi.Reply shown = user.get("/api/v1/auth-profiles/" + profileId);
    assertThat(shown.body()).doesNotContain(KEY);
    assertThat(shown.json().get("secretStored").asBoolean()).isTrue();
    assertThat(shown.json().get("usedBy").toString()).contains(integrationName);
  }

  @Test
  void aTemplateThatIsNotJsonIsRefusedNamingTheField() {
    String id = idOf(integrationName);
    AdminApi.Reply r =
        user.send(
            "PUT",
            "/api/v1/integrations/" + id + "/custom-llm",
            "{\"requestTemplate\":\"{\\\"input\\\": {{prompt}} }\",\"response\":{\"textPath\":\"$.a\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/field").asText()).isEqualTo("requestTemplate");
  }

  @Test
  void aWrongClientSecretFailsTheCallAsAnAuthenticationError() {
    String bad =
        created(
                user.post(
                    "/api/v1/auth-profiles",
                    "{\"name\":\"oauth-bad-"
                        + S
                        + "\",\"kind\":\"OAUTH2_CLIENT_CREDENTIALS\",\"username\":\""
                        + OAuthTokens.CLIENT_ID
                        + "\",\"secret\":\"wrong-secret\",\"tokenEndpoint\":\""
                        + sim.baseUrl()
                        + "/custom/oauth2/token\"}"))
            .get("id")
            .asText();
    String id = integration("byo-bad-" + S, "acme-bad-" + S);
    wire(id, "");
    user.send(
        "PUT",
        "/api/v1/integrations/" + id + "/auth-profile",
        "{\"authProfileId\":\"" + bad + "\"}");

    JsonNode result = user.post("/api/v1/integrations/" + id + "/test", "{}").json();
    assertThat(result.get("success").asBoolean()).isFalse();
    assertThat(result.get("errorCategory").asText()).isEqualTo("AUTHENTICATION");
    assertThat(result.toString()).doesNotContain("wrong-secret");
  }

  private static String idOf(String name) {
    return user.get("/api/v1/integrations").json().findParents("name").stream()
        .filter(n -> n.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow()
        .get("id")
        .asText();
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }
}
