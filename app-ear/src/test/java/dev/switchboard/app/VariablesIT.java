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

/** Variables through the admin API, resolved by connection tests against the simulator. */
class VariablesIT {

  private static final String CANARY = "sk-var-canary-" + UUID.randomUUID();
  private static Simulator simulator;

  @BeforeAll
  static void startSimulator() {
    simulator = Simulator.start(SimulatorOptions.defaults().withApiKey(CANARY));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @Test
  void aSecureVariableIsMaskedEverywhereAndResolvedWhenAnIntegrationIsTested() {
    String suffix = suffix();
    AdminApi user = AdminApi.newUser("vars-" + suffix, "ws-" + suffix);
    Reply created =
        user.post(
            "/api/v1/variables",
            "{\"scope\":\"env\",\"name\":\"KEY_"
                + suffix
                + "\",\"value\":\""
                + CANARY
                + "\",\"secure\":true}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("value").asText()).startsWith("••••").hasSizeLessThanOrEqualTo(8);
    String integration = createIntegration(user, "{{env.KEY_" + suffix + "}}");

    Reply test = user.post("/api/v1/integrations/" + integration + "/test", "{}");

    assertThat(test.json().get("success").asBoolean()).as(test.body()).isTrue();
    Reply listed = user.get("/api/v1/variables");
    assertThat(listed.body())
        .contains("\"usedBy\":[\"" + integration + "\"]")
        .doesNotContain(CANARY);
    for (Reply r :
        new Reply[] {created, test, listed, user.get("/api/v1/audit?objectType=variable")}) {
      assertThat(r.body()).doesNotContain(CANARY);
    }
  }

  @Test
  void sampleValuesCanBeSavedForNextTime() {
    String suffix = suffix();
    AdminApi user = AdminApi.newUser("samples-" + suffix, "ws-" + suffix);
    String integration = createIntegration(user, "{{context.SAMPLE_" + suffix + "}}");

    Reply first =
        user.post(
            "/api/v1/integrations/" + integration + "/test",
            "{\"samples\":{\"context.SAMPLE_"
                + suffix
                + "\":\""
                + CANARY
                + "\"},\"saveSamples\":true}");
    Reply second = user.post("/api/v1/integrations/" + integration + "/test", "{}");

    assertThat(first.json().get("success").asBoolean()).isTrue();
    assertThat(second.json().get("success").asBoolean()).isTrue();
    JsonNode saved = user.get("/api/v1/variables").json().get(0);
    assertThat(saved.get("reference").asText()).isEqualTo("context.SAMPLE_" + suffix);
    assertThat(saved.get("secure").asBoolean()).isTrue();
  }

  @Test
  void plainVariablesShowTheirValueAndBadFieldsAreNamed() {
    String suffix = suffix();
    AdminApi user = AdminApi.newUser("plain-" + suffix, "ws-" + suffix);

    Reply plain =
        user.post(
            "/api/v1/variables",
            "{\"scope\":\"content\",\"name\":\"tone\",\"value\":\"friendly\"}");
    Reply badScope =
        user.post("/api/v1/variables", "{\"scope\":\"global\",\"name\":\"x\",\"value\":\"v\"}");
    Reply badName =
        user.post("/api/v1/variables", "{\"scope\":\"env\",\"name\":\"1 bad\",\"value\":\"v\"}");
    Reply duplicate =
        user.post(
            "/api/v1/variables", "{\"scope\":\"content\",\"name\":\"tone\",\"value\":\"again\"}");

    assertThat(plain.json().get("value").asText()).isEqualTo("friendly");
    assertThat(badScope.json().at("/error/field").asText()).isEqualTo("scope");
    assertThat(badName.json().at("/error/field").asText()).isEqualTo("name");
    assertThat(duplicate.status()).isEqualTo(400);
  }

  @Test
  void anotherWorkspacesVariablesAreNotFound() {
    String suffix = suffix();
    AdminApi owner = AdminApi.newUser("own-" + suffix, "ws-a-" + suffix);
    AdminApi other = AdminApi.newUser("oth-" + suffix, "ws-b-" + suffix);
    String id =
        owner
            .post("/api/v1/variables", "{\"scope\":\"env\",\"name\":\"A\",\"value\":\"v\"}")
            .json()
            .get("id")
            .asText();

    assertThat(other.get("/api/v1/variables/" + id).status()).isEqualTo(404);
    assertThat(other.send("DELETE", "/api/v1/variables/" + id, null).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/variables").body()).doesNotContain(id);
    assertThat(owner.send("DELETE", "/api/v1/variables/" + id, null).status()).isEqualTo(204);
  }

  @Test
  void aVariableInADeploymentIdOrABedrockRoleIsShownAsUsed() {
    String suffix = suffix();
    AdminApi user = AdminApi.newUser("used-" + suffix, "ws-" + suffix);
    String deployment = "DEPLOY_" + suffix.toUpperCase();
    String role = "ROLE_" + suffix.toUpperCase();
    for (String name : new String[] {deployment, role}) {
      Reply r =
          user.post(
              "/api/v1/variables",
              "{\"scope\":\"env\",\"name\":\"" + name + "\",\"value\":\"x-" + suffix + "\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    Reply openAi =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"deploy-"
                + suffix
                + "\",\"providerId\":\"openai\",\"apiKey\":\"sk-x\",\"baseUrl\":\""
                + simulator.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\"gpt-4o-mini\",\"deploymentId\":\"{{env."
                + deployment
                + "}}\"}]}");
    assertThat(openAi.status()).as(openAi.body()).isEqualTo(201);
    Reply bedrock =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\"role-"
                + suffix
                + "\",\"providerId\":\"bedrock\",\"apiKey\":\"secret-x\",\"aws\":{\"region\":"
                + "\"us-east-1\",\"accessKeyId\":\"AKIAX\",\"roleArn\":\"{{env."
                + role
                + "}}\"},\"models\":[{\"modelId\":\"amazon.nova-pro-v1:0\"}]}");
    assertThat(bedrock.status()).as(bedrock.body()).isEqualTo(201);

    JsonNode listed = user.get("/api/v1/variables").json();
    assertThat(usedBy(listed, deployment)).containsExactly(openAi.json().get("id").asText());
    assertThat(usedBy(listed, role)).containsExactly(bedrock.json().get("id").asText());
  }

  private static java.util.List<String> usedBy(JsonNode variables, String name) {
    for (JsonNode v : variables) {
      if (name.equals(v.get("name").asText())) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        v.get("usedBy").forEach(id -> ids.add(id.asText()));
        return ids;
      }
    }
    throw new AssertionError("no variable " + name + " in " + variables);
  }

  private static String createIntegration(AdminApi api, String key) {
    Reply r =
        api.post(
            "/api/v1/integrations",
            "{\"name\":\"var-"
                + suffix()
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + key
                + "\",\"baseUrl\":\""
                + simulator.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
