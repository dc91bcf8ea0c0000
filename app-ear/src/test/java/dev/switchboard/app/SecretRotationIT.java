package dev.switchboard.app;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md case 30 on a running server: a server of its own (its own embedded Derby, so the
 * key ring is the test's alone) seals values with master key {@code v1}; it refuses to start with a
 * ring that lacks {@code v1}; restarted with {@code v1,v2} it runs the rotation while calls go on,
 * every sealed value ends on {@code v2}, and then it starts and answers with {@code v2} alone. The
 * rewrap itself (1,000 rows, interrupt and resume, on Derby and PostgreSQL) is proven in
 * modules/variables.
 */
class SecretRotationIT {

  private static final String SIM_KEY = "sim-rotation-" + UUID.randomUUID();
  private static final String ADMIN_PASSWORD = "rotation-it-" + UUID.randomUUID();
  private static final String V1 = "v1:" + randomKey();
  private static final String V2 = "v2:" + randomKey();
  private static final int VARIABLES = 60;
  private static Simulator sim;
  private static ExtraServer server;

  @BeforeAll
  static void start() throws Exception {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(SIM_KEY).withTokenDelayMs(0))
            .addModels("openai", "gpt-rot-direct", "gpt-rot-variable");
    Map<String, String> env = new HashMap<>();
    env.put("SWITCHBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("SWITCHBOARD_SANDBOX_ENABLED", "false");
    server = new ExtraServer("rotation", SwitchboardServer.HTTP_PORT + 37, env);
    // its own embedded database in every variant: the shared PostgreSQL holds values sealed with
    // the test server's key
    env.put(
        "SWITCHBOARD_DB_URL",
        "jdbc:derby:" + server.serverOutput().resolve("derby/switchboard") + ";create=true");
    env.put("SWITCHBOARD_DB_USER", "");
    env.put("SWITCHBOARD_DB_PASSWORD", "");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aRotationFromV1ToV2OnTheRunningServerResealsEverythingWhileCallsGoOn() throws Exception {
    // 1. v1 alone: sealed values of every kind (API keys, a key through a secret variable, header
    // values, an auth profile's secret, many secret variables)
    server.start(Map.of("SWITCHBOARD_MASTER_KEY", V1));
    AdminApi admin = new AdminApi(server.baseUrl(), "admin", ADMIN_PASSWORD);
    created(
        admin.post(
            "/api/v1/variables",
            "{\"scope\":\"env\",\"name\":\"ROTATION_KEY\",\"value\":\""
                + SIM_KEY
                + "\",\"secure\":true}"));
    for (int i = 0; i < VARIABLES; i++) {
      created(
          admin.post(
              "/api/v1/variables",
              "{\"scope\":\"env\",\"name\":\"ROT_"
                  + i
                  + "\",\"value\":\"v-"
                  + i
                  + "\",\"secure\":true}"));
    }
    created(
        admin.post("/api/v1/integrations", integration("rot-direct", SIM_KEY, "gpt-rot-direct")));
    created(
        admin.post(
            "/api/v1/integrations",
            integration("rot-variable", "{{env.ROTATION_KEY}}", "gpt-rot-variable")));
    created(
        admin.post(
            "/api/v1/auth-profiles",
            "{\"name\":\"rot-profile\",\"kind\":\"BEARER\",\"secret\":\"rotation-profile-secret\"}"));
    String gatewayKey =
        created(admin.post("/api/v1/api-keys", "{\"name\":\"rot\"}")).get("key").asText();
    assertCallsWork(gatewayKey);
    JsonNode onV1 = status(admin);
    assertThat(onV1.get("activeVersion").asText()).isEqualTo("v1");
    long sealed = onV1.at("/valuesByVersion/v1").asLong();
    assertThat(sealed).as(onV1.toString()).isGreaterThanOrEqualTo(VARIABLES + 5L);
    server.close();

    // 2. a ring without v1 while values use it: the application refuses to start
    String log = server.startExpectingTheApplicationToFail(Map.of("SWITCHBOARD_MASTER_KEY", V2));
    assertThat(log)
        .contains("Switchboard cannot start: sealed values use master key versions")
        .contains("v1=" + sealed)
        .doesNotContain(V1.substring(3))
        .doesNotContain(V2.substring(3));
    assertThat(statusOf(server.baseUrl() + "/health/ready")).isNotEqualTo(200);
    assertThat(chat(gatewayKey, "openai/gpt-rot-direct").statusCode()).isNotEqualTo(200);
    server.close();

    // 3. v1 and v2 (v2 active, listed last): the rotation runs on the running server under load
    server.start(Map.of("SWITCHBOARD_MASTER_KEY", V1 + "," + V2));
    assertCallsWork(gatewayKey);
    JsonNode before = status(admin);
    assertThat(before.get("activeVersion").asText()).isEqualTo("v2");
    assertThat(before.at("/valuesByVersion/v1").asLong()).isEqualTo(sealed);
    assertThat(before.get("retirable").toString()).doesNotContain("v1");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> load = new ArrayList<>();
    for (String model : List.of("openai/gpt-rot-direct", "openai/gpt-rot-variable")) {
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    HttpResponse<String> r = chat(gatewayKey, model);
                    if (r.statusCode() == 200) {
                      answered.incrementAndGet();
                    } else {
                      failures.add(model + ": " + r.statusCode() + " " + r.body());
                    }
                  } catch (Exception e) {
                    failures.add(model + ": " + e);
                  }
                }
              });
      t.start();
      load.add(t);
    }
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 4);
      // a write during the run is sealed with v2 at once
      created(
          admin.post(
              "/api/v1/variables",
              "{\"scope\":\"env\",\"name\":\"ROT_DURING\",\"value\":\"x\",\"secure\":true}"));
      assertThat(admin.post("/api/v1/secrets/rotation", "").status()).isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                JsonNode run = status(admin).get("lastRun");
                assertThat(run.hasNonNull("finishedAt")).as(run.toString()).isTrue();
              });
      int atEnd = answered.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= atEnd + 4);
    } finally {
      stop.set(true);
      for (Thread t : load) {
        t.join(30_000);
      }
    }
    assertThat(failures).as("calls during and after the rotation").isEmpty();
    JsonNode after = status(admin);
    assertThat(after.get("lastRun").hasNonNull("failure")).as(after.toString()).isFalse();
    assertThat(after.at("/lastRun/report/failed").asLong()).isZero();
    assertThat(after.at("/lastRun/report/rewrapped").asLong()).isEqualTo(sealed);
    assertThat(after.at("/valuesByVersion/v1").asLong()).isZero();
    assertThat(after.at("/valuesByVersion/v2").asLong()).isEqualTo(sealed + 1);
    assertThat(after.get("remaining").asLong()).isZero();
    assertThat(after.get("retirable").toString()).contains("\"v1\"");
    assertThat(admin.get("/api/v1/audit?action=secrets.rotation-started").body())
        .contains("secrets.rotation-started");
    server.close();

    // 4. v1 retired: the server starts with v2 alone and every value still opens
    server.start(Map.of("SWITCHBOARD_MASTER_KEY", V2));
    assertCallsWork(gatewayKey);
    JsonNode retired = status(admin);
    assertThat(retired.get("configuredVersions").toString()).isEqualTo("[\"v2\"]");
    assertThat(retired.at("/valuesByVersion/v2").asLong()).isEqualTo(sealed + 1);
    assertThat(retired.get("valuesOnUnknownVersions").asLong()).isZero();
    for (JsonNode i : admin.get("/api/v1/integrations").json()) {
      Reply test = admin.post("/api/v1/integrations/" + i.get("id").asText() + "/test", "{}");
      assertThat(test.json().get("success").asBoolean()).as(test.body()).isTrue();
    }
  }

  @Test
  void onlyAdminsMayRotate() {
    AdminApi user =
        AdminApi.newUser("rotator-" + UUID.randomUUID().toString().substring(0, 8), "x1");

    assertThat(user.get("/api/v1/secrets/rotation").status()).isEqualTo(403);
    assertThat(user.post("/api/v1/secrets/rotation", "").status()).isEqualTo(403);
  }

  private static void assertCallsWork(String gatewayKey) throws Exception {
    for (String model : List.of("openai/gpt-rot-direct", "openai/gpt-rot-variable")) {
      HttpResponse<String> r = chat(gatewayKey, model);
      assertThat(r.statusCode()).as(model + ": " + r.body()).isEqualTo(200);
    }
  }

  private static JsonNode status(AdminApi admin) {
    Reply r = admin.get("/api/v1/secrets/rotation");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode created(Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static String integration(String name, String apiKey, String model) {
    return "{\"name\":\""
        + name
        + "\",\"providerId\":\"openai\",\"apiKey\":\""
        + apiKey
        + "\",\"baseUrl\":\""
        + sim.baseUrl()
        + "/openai/v1\",\"headers\":{\"X-Rotation\":\"sealed-header-"
        + name
        + "\"},\"models\":[{\"modelId\":\""
        + model
        + "\"}]}";
  }

  private static HttpResponse<String> chat(String key, String model) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
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

  private static int statusOf(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
