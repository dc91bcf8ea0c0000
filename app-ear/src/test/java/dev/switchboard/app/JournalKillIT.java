package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md case 26, for real: a server process killed with SIGKILL while it answers calls
 * loses none of the calls it answered. A server of its own (its own journal; in the PostgreSQL
 * variant the shared database) takes load, is killed with {@code kill -9} mid-load, is started
 * again, and every request id that got a 200 is then found in the usage ledger.
 */
class JournalKillIT {

  private static final String SIM_KEY = "sim-kill-" + UUID.randomUUID();
  private static final String ADMIN_PASSWORD =
      SwitchboardServer.adminPasswordConfigured().orElse("kill-it-" + UUID.randomUUID());
  private static final int LEDGER_PAGE = 1000;
  private static final java.util.concurrent.atomic.AtomicReference<String> REFUSAL =
      new java.util.concurrent.atomic.AtomicReference<>();
  private static Simulator sim;
  private static ExtraServer server;

  @BeforeAll
  static void start() throws Exception {
    sim =
        Simulator.start(SimulatorOptions.defaults().withApiKey(SIM_KEY).withTokenDelayMs(0))
            .addModels("openai", "gpt-kill9");
    server =
        new ExtraServer(
            "kill9",
            SwitchboardServer.HTTP_PORT + 17,
            Map.of(
                "SWITCHBOARD_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "SWITCHBOARD_SANDBOX_ENABLED",
                "false"));
    server.start();
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
  void everyCallAnsweredBeforeAKillMinus9IsInTheLedgerAfterRestart() throws Exception {
    AdminApi admin = new AdminApi(server.baseUrl(), "admin", ADMIN_PASSWORD);
    String name = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    AdminApi.Reply integration =
        admin.post(
            "/api/v1/integrations",
            "{\"name\":\"kill9-"
                + name
                + "\",\"providerId\":\"openai\",\"apiKey\":\""
                + SIM_KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + "/openai/v1\",\"models\":[{\"modelId\":\"gpt-kill9\"}]}");
    assertThat(integration.status()).as(integration.body()).isEqualTo(201);
    String integrationId = integration.json().get("id").asText();
    AdminApi.Reply key = admin.post("/api/v1/api-keys", "{\"name\":\"kill9\"}");
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    String gatewayKey = key.json().get("key").asText();

    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> callUntilRefused(gatewayKey, answered, killed));
      load.add(th);
      th.start();
    }
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (answered.size() < 300 && System.nanoTime() < until) { // fewer than one ledger page
      Thread.sleep(20);
    }
    server.kill9();
    killed.set(true);
    for (Thread th : load) {
      th.join(30_000);
    }
    assertThat(REFUSAL.get()).as("a call refused before the kill").isNull();
    assertThat(answered).as("calls answered before the kill").hasSizeGreaterThan(50);

    server.start();
    Set<String> inLedger = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      AdminApi.Reply entries =
          admin.get("/api/v1/usage?integration=" + integrationId + "&limit=" + LEDGER_PAGE);
      assertThat(entries.status()).as(entries.body()).isEqualTo(200);
      inLedger.clear();
      for (JsonNode e : entries.json()) {
        inLedger.add(e.get("requestId").asText());
      }
      if (inLedger.containsAll(answered)) {
        break;
      }
      Thread.sleep(500);
    }
    Set<String> lost = new HashSet<>(answered);
    lost.removeAll(inLedger);
    assertThat(lost).as("answered calls missing from the ledger after kill -9").isEmpty();
  }

  /** Chat calls until the server stops answering; every 200's request id is kept. */
  private static void callUntilRefused(String key, Set<String> answered, AtomicBoolean killed) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body =
        "{\"model\":\"openai/gpt-kill9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    while (true) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          answered.add(r.headers().firstValue("x-request-id").orElseThrow());
        } else if (!killed.get()) {
          REFUSAL.compareAndSet(null, r.statusCode() + " " + r.body());
          return;
        }
      } catch (java.io.IOException e) {
        if (killed.get()
            || !ProcessHandle.of(pidOrZero()).map(ProcessHandle::isAlive).orElse(false)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long pidOrZero() {
    try {
      return server.pid();
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
