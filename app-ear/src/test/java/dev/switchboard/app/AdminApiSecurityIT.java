package dev.switchboard.app;

import static dev.switchboard.app.SwitchboardServer.basicAuth;
import static dev.switchboard.app.SwitchboardServer.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.AdminApi.Reply;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call the admin API, and RELIABILITY.md case 23 (tenant authorization): member A and
 * member B share workspace one, member C is in workspace two. A member reads, tests and edits only
 * the integrations they own (and their limit, notifications, usage entries and export); auth
 * profiles are shared within a workspace; ids from elsewhere give 404 and no data; fields a caller
 * must not set (owner, workspace, id, status, timestamps) are ignored on create and update.
 */
class AdminApiSecurityIT {

  private static final String S = UUID.randomUUID().toString().substring(0, 8);
  private static final String SIM_KEY = "sk-tenancy-" + S + "-0123456789";
  private static final String MODEL = "gpt-tenancy-" + S;
  private static Simulator sim;
  private static AdminApi admin;
  private static AdminApi memberA;
  private static AdminApi memberB;
  private static AdminApi otherC;
  private static String integrationA;
  private static String profileA;
  private static String variableA;
  private static String keyA;

  @BeforeAll
  static void twoWorkspacesThreeMembers() throws Exception {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(SIM_KEY).withTokenDelayMs(0))
            .addModels("openai", MODEL);
    admin = AdminApi.admin();
    memberA = AdminApi.newUser("ten-a-" + S, "one-" + S);
    memberB = AdminApi.newUser("ten-b-" + S, "one-" + S);
    otherC = AdminApi.newUser("ten-c-" + S, "two-" + S);
    integrationA =
        id(
            memberA.post(
                "/api/v1/integrations",
                "{\"name\":\"ten-a-"
                    + S
                    + "\",\"providerId\":\"openai\",\"apiKey\":\""
                    + SIM_KEY
                    + "\",\"baseUrl\":\""
                    + sim.baseUrl()
                    + "/openai/v1\",\"models\":[{\"modelId\":\""
                    + MODEL
                    + "\"}]}"),
            201);
    profileA =
        id(
            memberA.post(
                "/api/v1/auth-profiles",
                "{\"name\":\"ten-prof-"
                    + S
                    + "\",\"kind\":\"BEARER\",\"secret\":\"tenancy-profile-secret-"
                    + S
                    + "\"}"),
            201);
    variableA =
        id(
            memberA.post(
                "/api/v1/variables",
                "{\"scope\":\"env\",\"name\":\"TEN_"
                    + S.toUpperCase()
                    + "\",\"value\":\"plain-"
                    + S
                    + "\",\"secure\":false}"),
            201);
    keyA = memberA.post("/api/v1/api-keys", "{\"name\":\"ten-a\"}").json().get("key").asText();
    // one call on A's integration, so its usage and limit have something to leak
    assertThat(chat(keyA, "openai/" + MODEL).statusCode()).isEqualTo(200);
    id(
        admin.send(
            "PUT",
            "/api/v1/integrations/" + integrationA + "/limit",
            "{\"maxTokens\":100000,\"cycleDays\":30,\"recipients\":[\"a-"
                + S
                + "@example.test\"]}"),
        200,
        "integrationId");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> memberA.get("/api/v1/usage?integration=" + integrationA).json().size() > 0);
  }

  @AfterAll
  static void stopSimulator() {
    if (sim != null) {
      sim.close();
    }
  }

  private static final String STATUS = "/api/v1/system/status";
  private final HttpClient client = SwitchboardServer.client();

  @Test
  void theAdminApiRefusesAnonymousCallers() throws Exception {
    HttpResponse<String> response = get(client, STATUS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(response.body()).doesNotContain("schemaVersion");
  }

  @Test
  void theAdminApiRefusesAWrongPassword() throws Exception {
    HttpResponse<String> response =
        get(client, STATUS, "Authorization", basicAuth("admin", "not-the-password"));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void theAdminSeesTheMigratedSchemaThroughTheAdminApi() throws Exception {
    HttpResponse<String> response =
        get(client, STATUS, "Authorization", basicAuth("admin", SwitchboardServer.adminPassword()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"databaseUp\":true")
        .contains("\"databaseKind\":\"" + SwitchboardServer.EXPECTED_DATABASE + "\"")
        .contains("\"schemaVersion\":\"" + SwitchboardServer.latestMigrationVersion() + "\"");
  }

  @Test
  void aColleagueInTheSameWorkspaceGets404ForEverythingOfAnotherMembersIntegration() {
    assertNothingOfIntegrationA(memberB);
  }

  @Test
  void aMemberOfAnotherWorkspaceGets404ForEverythingOfIntegrationA() {
    assertNothingOfIntegrationA(otherC);
  }

  @Test
  void theOwnerAndTheAdminSeeTheIntegrationItsLimitUsageAndNotifications() {
    for (AdminApi who : List.of(memberA, admin)) {
      assertThat(who.get("/api/v1/integrations/" + integrationA).status()).isEqualTo(200);
      assertThat(who.get("/api/v1/integrations/" + integrationA + "/limit").status())
          .isEqualTo(200);
      assertThat(who.get("/api/v1/integrations/" + integrationA + "/notifications").status())
          .isEqualTo(200);
      assertThat(who.get("/api/v1/usage?integration=" + integrationA).json().size()).isPositive();
    }
    assertThat(export(memberA)).contains("ten-a-" + S);
  }

  @Test
  void authProfilesAreSharedInTheWorkspaceAndInvisibleOutsideIt() {
    assertThat(memberB.get("/api/v1/auth-profiles/" + profileA).status()).isEqualTo(200);

    Reply get = otherC.get("/api/v1/auth-profiles/" + profileA);
    Reply put =
        otherC.send(
            "PUT",
            "/api/v1/auth-profiles/" + profileA,
            "{\"name\":\"stolen-" + S + "\",\"kind\":\"BEARER\",\"secret\":\"mine\"}");
    Reply delete = otherC.send("DELETE", "/api/v1/auth-profiles/" + profileA, null);
    String integrationC = ownIntegration(otherC, "ten-c-");
    Reply attach =
        otherC.send(
            "PUT",
            "/api/v1/integrations/" + integrationC + "/auth-profile",
            "{\"authProfileId\":\"" + profileA + "\"}");

    assertThat(get.status()).isEqualTo(404);
    assertThat(put.status()).isEqualTo(404);
    assertThat(delete.status()).isEqualTo(404);
    assertThat(attach.status()).as(attach.body()).isEqualTo(400);
    assertThat(otherC.get("/api/v1/auth-profiles").body()).doesNotContain(profileA);
    for (Reply r : List.of(get, put, delete, attach)) {
      assertThat(r.body()).doesNotContain("ten-prof-" + S);
    }
    JsonNode still = memberA.get("/api/v1/auth-profiles/" + profileA).json();
    assertThat(still.get("name").asText()).isEqualTo("ten-prof-" + S);
    assertThat(
            otherC.get("/api/v1/integrations/" + integrationC).json().hasNonNull("authProfileId"))
        .isFalse();
  }

  @Test
  void variablesAndGatewayKeysOfAnotherWorkspaceAreNotFound() {
    Reply get = otherC.get("/api/v1/variables/" + variableA);
    Reply put =
        otherC.send(
            "PUT",
            "/api/v1/variables/" + variableA,
            "{\"scope\":\"env\",\"name\":\"TEN_" + S.toUpperCase() + "\",\"value\":\"x\"}");
    Reply delete = otherC.send("DELETE", "/api/v1/variables/" + variableA, null);
    String keyId =
        memberA.get("/api/v1/api-keys").json().findValuesAsText("id").stream()
            .findFirst()
            .orElseThrow();
    Reply revoke = otherC.send("DELETE", "/api/v1/api-keys/" + keyId, null);

    assertThat(get.status()).isEqualTo(404);
    assertThat(put.status()).isEqualTo(404);
    assertThat(delete.status()).isEqualTo(404);
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(get.body() + put.body() + delete.body()).doesNotContain("plain-" + S);
    assertThat(otherC.get("/api/v1/api-keys").body()).doesNotContain(keyId);
    assertThat(memberA.get("/api/v1/variables/" + variableA).json().get("value").asText())
        .isEqualTo("plain-" + S);
  }

  @Test
  void aGatewayKeyOfAnotherWorkspaceCannotReachTheModelsOfThisOne() throws Exception {
    String keyC =
        otherC.post("/api/v1/api-keys", "{\"name\":\"ten-c\"}").json().get("key").asText();
    long before = sim.requestCount("openai");

    HttpResponse<String> r = chat(keyC, "openai/" + MODEL);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(sim.requestCount("openai")).isEqualTo(before);
  }

  @Test
  void ownerWorkspaceIdStatusAndTimestampsCannotBeMassAssigned() {
    JsonNode before = memberA.get("/api/v1/integrations/" + integrationA).json();
    Reply put =
        memberA.send(
            "PUT",
            "/api/v1/integrations/" + integrationA,
            "{\"name\":\"ten-a-"
                + S
                + "\",\"id\":\"00000000-0000-0000-0000-000000000000\",\"owner\":\""
                + "ten-c-"
                + S
                + "\",\"workspace\":\"two-"
                + S
                + "\",\"status\":\"ERROR\",\"createdAt\":\"2000-01-01T00:00:00Z\","
                + "\"lastTestOk\":true,\"lastTestAt\":\"2000-01-01T00:00:00Z\","
                + "\"authProfileId\":\""
                + profileA
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\"}");
    assertThat(put.status()).as(put.body()).isLessThan(500);
    JsonNode after = memberA.get("/api/v1/integrations/" + integrationA).json();

    for (String field :
        List.of("id", "owner", "workspace", "status", "createdAt", "lastTestAt", "lastTestOk")) {
      assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
    }
    assertThat(after.hasNonNull("authProfileId"))
        .as("attached only through its endpoint")
        .isFalse();
    assertThat(otherC.get("/api/v1/integrations").body()).doesNotContain(integrationA);
    assertThat(memberB.get("/api/v1/integrations/" + integrationA).status()).isEqualTo(404);
  }

  @Test
  void ownerAndWorkspaceCannotBeSetWhenCreatingOrEditingAnythingElse() {
    Reply integration =
        memberA.post(
            "/api/v1/integrations",
            "{\"name\":\"ten-planted-"
                + S
                + "\",\"providerId\":\"anthropic\",\"apiKey\":\"sk-ant-planted-0123456789\","
                + "\"owner\":\"ten-c-"
                + S
                + "\",\"workspace\":\"two-"
                + S
                + "\",\"id\":\"planted-"
                + S
                + "\",\"status\":\"ACTIVE\"}");
    Reply profile =
        memberA.send(
            "PUT",
            "/api/v1/auth-profiles/" + profileA,
            "{\"name\":\"ten-prof-"
                + S
                + "\",\"kind\":\"BEARER\",\"owner\":\"ten-c-"
                + S
                + "\",\"workspace\":\"two-"
                + S
                + "\",\"id\":\"planted\",\"createdAt\":\"2000-01-01T00:00:00Z\"}");
    Reply variable =
        memberA.send(
            "PUT",
            "/api/v1/variables/" + variableA,
            "{\"scope\":\"env\",\"name\":\"TEN_"
                + S.toUpperCase()
                + "\",\"value\":\"plain-"
                + S
                + "\",\"workspace\":\"two-"
                + S
                + "\",\"id\":\"planted\"}");
    Reply key =
        memberA.post(
            "/api/v1/api-keys",
            "{\"name\":\"ten-planted\",\"workspace\":\"two-" + S + "\",\"createdBy\":\"x\"}");
    Reply limit =
        memberA.send(
            "PUT",
            "/api/v1/integrations/" + integrationA + "/limit",
            "{\"maxTokens\":1,\"cycleDays\":1}");
    Reply limitByAdmin =
        admin.send(
            "PUT",
            "/api/v1/integrations/" + integrationA + "/limit",
            "{\"maxTokens\":100000,\"cycleDays\":30,\"notifications\":false,\"integrationId\":\"planted\","
                + "\"updatedBy\":\"ten-c-"
                + S
                + "\",\"cycleStart\":\"2000-01-01T00:00:00Z\"}");

    assertThat(integration.status()).as(integration.body()).isEqualTo(201);
    assertThat(integration.json().get("owner").asText()).isEqualTo("ten-a-" + S);
    assertThat(integration.json().get("workspace").asText()).isEqualTo("one-" + S);
    assertThat(integration.json().get("id").asText()).isNotEqualTo("planted-" + S);
    assertThat(integration.json().get("status").asText()).isNotEqualTo("ACTIVE");
    assertThat(profile.status()).as(profile.body()).isEqualTo(200);
    assertThat(profile.json().get("workspace").asText()).isEqualTo("one-" + S);
    assertThat(profile.json().get("owner").asText()).isEqualTo("ten-a-" + S);
    assertThat(profile.json().get("id").asText()).isEqualTo(profileA);
    assertThat(profile.json().get("secretStored").asBoolean()).as("the secret is kept").isTrue();
    assertThat(variable.status()).as(variable.body()).isEqualTo(200);
    assertThat(variable.json().get("workspace").asText()).isEqualTo("one-" + S);
    assertThat(variable.json().get("id").asText()).isEqualTo(variableA);
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    assertThat(key.json().get("workspace").asText()).isEqualTo("one-" + S);
    assertThat(key.json().get("createdBy").asText()).isEqualTo("ten-a-" + S);
    assertThat(limit.status()).as("only admins set limits").isEqualTo(403);
    assertThat(limitByAdmin.status()).as(limitByAdmin.body()).isEqualTo(200);
    assertThat(limitByAdmin.json().get("integrationId").asText()).isEqualTo(integrationA);
    assertThat(limitByAdmin.json().get("updatedBy").asText()).isEqualTo("admin");
    assertThat(limitByAdmin.json().get("cycleStart").asText()).doesNotStartWith("2000");
    assertThat(otherC.get("/api/v1/integrations").body()).doesNotContain("ten-planted-" + S);
    assertThat(otherC.get("/api/v1/api-keys").body()).doesNotContain("ten-planted");
  }

  @Test
  void anImportCannotReachAnotherWorkspacesIntegrationNorPlantAnOwner() {
    String yaml =
        "apiVersion: "
            + apiVersion()
            + "\nintegrations:\n- name: ten-a-"
            + S
            + "\n  provider: openai\n  apiKey: sk-import-overwrite-0123456789\n  baseUrl: "
            + sim.baseUrl()
            + "/openai/v1\n";
    Reply imported = otherC.send("POST", "/api/v1/config", null, yaml, "application/yaml");
    Reply planted =
        otherC.send(
            "POST",
            "/api/v1/config",
            null,
            yaml + "  owner: ten-a-" + S + "\n  workspace: one-" + S + "\n",
            "application/yaml");

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("created").asInt()).isEqualTo(1);
    assertThat(planted.status()).as(planted.body()).isEqualTo(400);
    JsonNode a = memberA.get("/api/v1/integrations/" + integrationA).json();
    assertThat(a.get("apiKey").asText()).endsWith(SIM_KEY.substring(SIM_KEY.length() - 4));
    assertThat(a.get("workspace").asText()).isEqualTo("one-" + S);
    assertThat(export(otherC)).doesNotContain(integrationA);
  }

  /** Every way into integration A, as a caller who must get nothing: 404, or an empty answer. */
  private static void assertNothingOfIntegrationA(AdminApi who) {
    String base = "/api/v1/integrations/" + integrationA;
    List<Reply> notFound =
        List.of(
            who.get(base),
            who.send(
                "PUT", base, "{\"name\":\"taken-over\",\"apiKey\":\"sk-taken-over-0123456789\"}"),
            who.post(base + "/test", "{}"),
            who.get(base + "/tests"),
            who.post(base + "/models", "{\"modelId\":\"planted\"}"),
            who.send("PATCH", base + "/models/" + MODEL, "{\"enabled\":false}"),
            who.send("PUT", base + "/auth-profile", "{\"authProfileId\":null}"),
            who.post(base + "/reset?confirm=true", ""),
            who.get(base + "/limit"),
            who.get(base + "/notifications"),
            who.get(base + "/custom-llm"),
            who.send("DELETE", base + "?confirm=true", null));
    for (Reply r : notFound) {
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("ten-a-" + S).doesNotContain(SIM_KEY);
    }
    assertThat(who.get("/api/v1/integrations").body()).doesNotContain(integrationA);
    assertThat(who.get("/api/v1/usage?integration=" + integrationA).json()).isEmpty();
    assertThat(who.get("/api/v1/usage?limit=1000").body()).doesNotContain(integrationA);
    assertThat(who.get("/api/v1/notifications/log").status()).isEqualTo(403);
    assertThat(export(who)).doesNotContain("ten-a-" + S);
    assertThat(who.get("/api/v1/audit").status()).isEqualTo(403);
    JsonNode a = memberA.get(base).json();
    assertThat(a.get("name").asText()).isEqualTo("ten-a-" + S);
    assertThat(a.at("/models/0/enabled").asBoolean()).isTrue();
  }

  /** Usage of another workspace is not even counted in this one's totals. */
  @Test
  void anotherWorkspacesUsageSummaryShowsNothingOfIntegrationA() {
    JsonNode rows =
        otherC
            .get("/api/v1/usage/summary?groupBy=integration&integration=" + integrationA)
            .json()
            .get("rows");
    JsonNode workspaceRows =
        otherC.get("/api/v1/usage/summary?groupBy=workspace&workspace=one-" + S).json().get("rows");

    assertThat(rows).isEmpty();
    assertThat(workspaceRows.toString()).doesNotContain("one-" + S);
  }

  private static String ownIntegration(AdminApi who, String prefix) {
    return id(
        who.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + prefix
                + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"providerId\":\"anthropic\",\"apiKey\":\"sk-ant-own-0123456789\"}"),
        201);
  }

  private static String export(AdminApi who) {
    Reply r = who.send("GET", "/api/v1/config", "application/yaml", null, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static String apiVersion() {
    return export(memberA)
        .lines()
        .filter(l -> l.startsWith("apiVersion:"))
        .findFirst()
        .orElseThrow()
        .substring("apiVersion:".length())
        .trim();
  }

  private static String id(Reply r, int status) {
    return id(r, status, "id");
  }

  private static String id(Reply r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    return r.json().get(field).asText();
  }

  private static HttpResponse<String> chat(String key, String model) throws Exception {
    return SwitchboardServer.client()
        .send(
            HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\""
                            + model
                            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
