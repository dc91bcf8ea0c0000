package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Integrations through the admin API, against the provider simulator on loopback. */
class IntegrationsIT {

  private static final String CANARY = "sk-canary-" + UUID.randomUUID();
  private static Simulator simulator;
  private final AdminApi admin = AdminApi.admin();

  @BeforeAll
  static void startSimulator() {
    // a model released after the built-in catalog, and the model the vLLM server was started with
    simulator =
        Simulator.start(SimulatorOptions.defaults().withApiKey(CANARY))
            .addModels("openai", "gpt-released-today")
            .addModels("vllm", "acme-7b");
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  private String openAiBody(String name, String key) {
    return "{\"name\":\""
        + name
        + "\",\"providerId\":\"openai\",\"apiKey\":\""
        + key
        + "\",\"baseUrl\":\""
        + simulator.baseUrl()
        + "/openai/v1\""
        + ",\"owner\":\"mallory\",\"workspace\":\"elsewhere\""
        + ",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}";
  }

  @Test
  void anIntegrationIsCreatedTestedGivenAModelAndDeletedWithItsKeyNeverShown() {
    Reply created =
        admin.post("/api/v1/integrations", openAiBody("lifecycle-" + UUID.randomUUID(), CANARY));
    assertThat(created.status()).isEqualTo(201);
    JsonNode integration = created.json();
    String id = integration.get("id").asText();
    assertThat(integration.get("owner").asText()).isEqualTo("admin");
    assertThat(integration.get("workspace").asText()).isEqualTo("default");
    assertThat(integration.get("status").asText()).isEqualTo("UNTESTED");
    assertThat(integration.get("apiKey").asText())
        .endsWith(CANARY.substring(CANARY.length() - 4))
        .hasSizeLessThan(10);

    Reply test = admin.post("/api/v1/integrations/" + id + "/test", "{}");
    assertThat(test.status()).isEqualTo(200);
    assertThat(test.json().get("success").asBoolean()).isTrue();
    assertThat(test.json().get("authenticated").asBoolean()).isTrue();
    assertThat(test.json().get("modelsListed").asInt()).isPositive();
    assertThat(admin.get("/api/v1/integrations/" + id).json().get("status").asText())
        .isEqualTo("ACTIVE");

    Reply added =
        admin.post(
            "/api/v1/integrations/" + id + "/models",
            "{\"modelId\":\"gpt-released-today\",\"displayName\":\"Brand new\",\"description\":\"not in the catalog\"}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.body())
        .contains("\"modelId\":\"gpt-released-today\"")
        .contains("\"custom\":true");
    Reply testNew =
        admin.post("/api/v1/integrations/" + id + "/test", "{\"model\":\"gpt-released-today\"}");
    assertThat(testNew.json().get("success").asBoolean()).isTrue();

    Reply disabled =
        admin.send(
            "PATCH", "/api/v1/integrations/" + id + "/models/gpt-4o-mini", "{\"enabled\":false}");
    assertThat(disabled.body())
        .contains("{\"custom\":false,\"displayName\":\"gpt-4o-mini\",\"enabled\":false");

    assertThat(admin.get("/api/v1/integrations/" + id + "/tests").json()).hasSize(2);
    assertThat(admin.send("DELETE", "/api/v1/integrations/" + id, null).status()).isEqualTo(400);
    assertThat(admin.send("DELETE", "/api/v1/integrations/" + id + "?confirm=true", null).status())
        .isEqualTo(204);
    assertThat(admin.get("/api/v1/integrations/" + id).status()).isEqualTo(404);

    Reply audit = admin.get("/api/v1/audit?objectType=integration&objectId=" + id);
    assertThat(audit.body())
        .contains(
            "integration.created",
            "integration.tested",
            "integration.model-added",
            "integration.model-disabled",
            "integration.deleted")
        .doesNotContain(CANARY);
    for (Reply r : new Reply[] {created, test, added, testNew, disabled, audit}) {
      assertThat(r.body()).doesNotContain(CANARY);
    }
  }

  @Test
  void aFailingConfigurationIsSavedAndItsTestSaysWhyAndMarksItRed() {
    String id =
        admin
            .post(
                "/api/v1/integrations",
                openAiBody("wrong-key-" + UUID.randomUUID(), "sk-wrong-key-123456"))
            .json()
            .get("id")
            .asText();

    Reply test = admin.post("/api/v1/integrations/" + id + "/test", "{}");

    assertThat(test.json().get("success").asBoolean()).isFalse();
    assertThat(test.json().get("reachable").asBoolean()).isTrue();
    assertThat(test.json().get("authenticated").asBoolean()).isFalse();
    assertThat(test.json().get("errorCategory").asText()).isEqualTo("AUTHENTICATION");
    assertThat(test.body()).doesNotContain("sk-wrong-key-123456");
    JsonNode saved = admin.get("/api/v1/integrations/" + id).json();
    assertThat(saved.get("status").asText()).isEqualTo("ERROR");
    assertThat(saved.get("lastTestOk").asBoolean()).isFalse();
  }

  @Test
  void sampleValuesForAVariableAreUsedForTheTestOnlyAndAMissingOneIsNamed() {
    String id =
        admin
            .post(
                "/api/v1/integrations",
                openAiBody("variable-key-" + UUID.randomUUID(), "{{env.SIM_KEY}}"))
            .json()
            .get("id")
            .asText();

    Reply missing = admin.post("/api/v1/integrations/" + id + "/test", "{}");
    Reply withSample =
        admin.post(
            "/api/v1/integrations/" + id + "/test",
            "{\"samples\":{\"env.SIM_KEY\":\"" + CANARY + "\"}}");

    assertThat(missing.json().get("success").asBoolean()).isFalse();
    assertThat(missing.json().get("message").asText()).contains("env.SIM_KEY");
    assertThat(withSample.json().get("success").asBoolean()).isTrue();
    assertThat(withSample.body()).doesNotContain(CANARY);
  }

  @Test
  void changingTheBaseUrlNeedsTheKeyAgain() {
    String id =
        admin
            .post("/api/v1/integrations", openAiBody("moving-" + UUID.randomUUID(), CANARY))
            .json()
            .get("id")
            .asText();
    String moved = "{\"name\":\"moved\",\"baseUrl\":\"http://127.0.0.2:1/v1\"}";

    Reply refused = admin.send("PUT", "/api/v1/integrations/" + id, moved);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/field").asText()).isEqualTo("apiKey");
    assertThat(admin.get("/api/v1/integrations/" + id).json().get("baseUrl").asText())
        .startsWith(simulator.baseUrl());
    String renamed = "renamed-" + UUID.randomUUID();
    Reply accepted =
        admin.send(
            "PUT",
            "/api/v1/integrations/" + id,
            "{\"name\":\""
                + renamed
                + "\",\"apiKey\":\""
                + CANARY
                + "\",\"maxRetries\":5,"
                + "\"baseUrl\":\""
                + simulator.baseUrl()
                + "/openai/v1/\"}");
    assertThat(accepted.status()).isEqualTo(200);
    String audit = admin.get("/api/v1/audit?action=integration.updated&objectId=" + id).body();
    assertThat(audit)
        .contains("maxRetries", "\\\"from\\\":3", "\\\"to\\\":5", renamed, "replaced")
        .doesNotContain(CANARY);
  }

  @Test
  void badFieldsAre400sNamingTheField() {
    assertField(
        admin.post("/api/v1/integrations", "{\"providerId\":\"openai\",\"apiKey\":\"k\"}"), "name");
    assertField(
        admin.post(
            "/api/v1/integrations", "{\"name\":\"x\",\"providerId\":\"no-such\",\"apiKey\":\"k\"}"),
        "providerId");
    assertField(
        admin.post("/api/v1/integrations", "{\"name\":\"x\",\"providerId\":\"openai\"}"), "apiKey");
    assertField(
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"x\",\"providerId\":\"openai\",\"apiKey\":\"k\",\"baseUrl\":\"file:///etc/passwd\"}"),
        "baseUrl");
    assertField(
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"x\",\"providerId\":\"openai\",\"apiKey\":\"k\",\"requestTimeoutSeconds\":0}"),
        "requestTimeoutSeconds");
    assertField(
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"x\",\"providerId\":\"azure-openai\",\"apiKey\":\"k\"}"),
        "azureResource");
  }

  @Test
  void usersSeeAndChangeOnlyTheirOwnIntegrationsAndOthersIdsAreNotFound() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    AdminApi alice = AdminApi.newUser("alice-" + suffix, "team-a");
    AdminApi bob = AdminApi.newUser("bob-" + suffix, "team-b");
    Reply created = alice.post("/api/v1/integrations", openAiBody("alice-" + suffix, CANARY));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("owner").asText()).isEqualTo("alice-" + suffix);
    assertThat(created.json().get("workspace").asText()).isEqualTo("team-a");

    assertThat(bob.get("/api/v1/integrations/" + id).status()).isEqualTo(404);
    assertThat(bob.get("/api/v1/integrations").body()).doesNotContain(id);
    assertThat(bob.post("/api/v1/integrations/" + id + "/test", "{}").status()).isEqualTo(404);
    assertThat(bob.send("PUT", "/api/v1/integrations/" + id, "{\"name\":\"stolen\"}").status())
        .isEqualTo(404);
    assertThat(bob.send("DELETE", "/api/v1/integrations/" + id + "?confirm=true", null).status())
        .isEqualTo(404);
    assertThat(bob.get("/api/v1/audit").status()).isEqualTo(403);

    assertThat(alice.get("/api/v1/integrations").body()).contains(id);
    assertThat(admin.get("/api/v1/integrations/" + id).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/integrations/" + id).json().get("name").asText())
        .isEqualTo("alice-" + suffix);
  }

  @Test
  void unreadableJsonAndUnknownPathsAnswerInTheApisErrorShape() {
    Reply badJson = admin.post("/api/v1/integrations", "{\"name\": ");
    Reply wrongType =
        admin.post("/api/v1/integrations", "{\"name\":\"x\",\"maxRetries\":\"many\"}");
    Reply unknown = admin.get("/api/v1/no-such-thing");

    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().at("/error/type").asText()).isEqualTo("invalid_request");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/type").asText()).isEqualTo("request_error");
  }

  @Test
  void anAdminAddsAnOpenAiCompatibleProviderByBaseUrlAndUsersConnectToIt() {
    String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    Reply added =
        admin.post(
            "/api/v1/providers",
            "{\"id\":\""
                + slug
                + "\",\"displayName\":\"Acme LLM\",\"baseUrl\":\""
                + simulator.baseUrl()
                + "/vllm/v1\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("id").asText()).isEqualTo("custom-" + slug);
    AdminApi user = AdminApi.newUser("acme-user-" + slug.substring(5), "acme");
    assertThat(user.get("/api/v1/providers").body()).contains("\"id\":\"custom-" + slug + "\"");
    assertThat(
            user.post("/api/v1/providers", "{\"id\":\"x\",\"baseUrl\":\"http://h/v1\"}").status())
        .isEqualTo(403);

    Reply created =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"acme\",\"providerId\":\"custom-"
                + slug
                + "\",\"apiKey\":\""
                + CANARY
                + "\",\"models\":[{\"modelId\":\"acme-7b\"}]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Reply test =
        user.post("/api/v1/integrations/" + created.json().get("id").asText() + "/test", "{}");

    assertThat(test.json().get("success").asBoolean()).as(test.body()).isTrue();
    assertThat(admin.send("DELETE", "/api/v1/providers/custom-" + slug, null).status())
        .isEqualTo(400);
    assertField(
        admin.post("/api/v1/providers", "{\"id\":\"Bad Id\",\"baseUrl\":\"http://h/v1\"}"), "id");
    assertField(admin.post("/api/v1/providers", "{\"id\":\"nourl\"}"), "baseUrl");
  }

  @Test
  void extraHeadersAreSentMaskedInAnswersAndCannotInjectOrOverrideFraming() {
    String body =
        "{\"name\":\"headers-"
            + UUID.randomUUID()
            + "\",\"providerId\":\"openai\",\"apiKey\":\""
            + CANARY
            + "\",\"baseUrl\":\""
            + simulator.baseUrl()
            + "/openai/v1\","
            + "\"models\":[{\"modelId\":\"gpt-4o-mini\"}],"
            + "\"headers\":{\"X-Sim-Fault\":\"{{context.FAULT}}\"}}";
    Reply created = admin.post("/api/v1/integrations", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/headers/X-Sim-Fault").asText()).startsWith("••••");
    String id = created.json().get("id").asText();

    Reply faulted =
        admin.post(
            "/api/v1/integrations/" + id + "/test",
            "{\"samples\":{\"context.FAULT\":\"status=503\"}}");
    Reply injected =
        admin.post(
            "/api/v1/integrations/" + id + "/test",
            "{\"samples\":{\"context.FAULT\":\"x\\r\\nAuthorization: Bearer stolen\"}}");

    assertThat(faulted.json().get("errorCategory").asText())
        .as("the header reached the provider")
        .isEqualTo("UNAVAILABLE");
    assertThat(injected.json().get("success").asBoolean()).isFalse();
    assertThat(injected.json().get("reachable").asBoolean()).isFalse();
    assertThat(injected.json().get("message").asText()).contains("X-Sim-Fault");
    String base = "{\"name\":\"h\",\"providerId\":\"openai\",\"apiKey\":\"k\",\"headers\":";
    assertField(
        admin.post("/api/v1/integrations", base + "{\"Host\":\"evil.example\"}}"), "headers.Host");
    assertField(
        admin.post("/api/v1/integrations", base + "{\"Transfer-Encoding\":\"chunked\"}}"),
        "headers.Transfer-Encoding");
    assertField(
        admin.post("/api/v1/integrations", base + "{\"X-A\":\"v\\r\\nX-B: 1\"}}"), "headers");
    assertField(admin.post("/api/v1/integrations", base + "{\"Bad Name\":\"v\"}}"), "headers");
  }

  @Test
  void theCatalogListsAProvidersModelsWithPricesAndUnknownPricesAreAbsentNotZero() {
    Reply openai = admin.get("/api/v1/providers/openai/models");
    Reply unknown = admin.get("/api/v1/providers/no-such-provider/models");

    assertThat(openai.status()).isEqualTo(200);
    assertThat(openai.json()).isNotEmpty();
    JsonNode first = openai.json().get(0);
    assertThat(first.get("id").asText()).isNotBlank();
    assertThat(first.get("contextWindow").asInt()).isPositive();
    for (JsonNode m : openai.json()) {
      if (m.has("inputPerMillion")) {
        assertThat(m.get("inputPerMillion").decimalValue()).isPositive();
      }
    }
    assertThat(unknown.status()).isEqualTo(404);
  }

  private static void assertField(Reply r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/error/field").asText()).isEqualTo(field);
  }
}
