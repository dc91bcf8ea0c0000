package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream faults through the real server (issue 14 item 7, item 8, RELIABILITY cases 5 and 6),
 * each on a simulator of its own in a workspace of its own, with the ledger entry checked: an
 * upstream that sends its headers and stalls is cut off by the idle timeout, well before the
 * request timeout; a connection reset mid-stream and a slow drip past the deadline end the stream
 * with the tokens seen billed as INCOMPLETE, once; a caller that goes away mid-stream cancels the
 * upstream call.
 */
class StreamFaultsIT {

  private static final String KEY = "sk-faults-" + UUID.randomUUID();
  private static final AdminApi ADMIN = AdminApi.admin();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Simulator stalled;
  private static Simulator resetting;
  private static Simulator dripping;
  private static Simulator slow;

  @BeforeAll
  static void setUp() {
    stalled = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    stalled.setScenario("openai", "drip=45000"); // headers at once, the first body byte in 45 s
    resetting = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(20));
    resetting.setScenario("anthropic", "reset-after=3");
    dripping = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    dripping.setScenario("openai", "drip=1500"); // a frame every 1.5 s
    slow =
        Simulator.start(
            SimulatorOptions.defaults().withApiKey(KEY).withTokenDelayMs(250).withStreamTokens(40));
  }

  @AfterAll
  static void tearDown() {
    stalled.close();
    resetting.close();
    dripping.close();
    slow.close();
  }

  @Test
  void anUpstreamThatSendsHeadersThenStallsIsCutOffByTheIdleTimeoutNotTheRequestTimeout()
      throws Exception {
    Setup s = setup("stall", stalled, "openai", "/openai/v1", "gpt-4o-mini", 120);
    long start = System.nanoTime();

    HttpResponse<String> r = s.chat("openai/gpt-4o-mini", false);

    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
    assertThat(r.body()).contains("\"error\"").doesNotContain("drip");
    // the idle timeout (3 s on the test server, 30 s by default), not the 120 s request timeout
    assertThat(seconds).isBetween(2L, 20L);
  }

  @Test
  void aConnectionResetMidStreamBillsThePromptAndTheTokensSeenOnceAsIncomplete() throws Exception {
    Setup s = setup("reset", resetting, "anthropic", "/anthropic", "claude-haiku-4-5", 60);

    Streamed got = s.stream("anthropic/claude-haiku-4-5", -1);

    assertThat(got.text()).isNotEmpty();
    assertThat(got.body()).contains("\"error\"").doesNotContain("[DONE]");
    JsonNode entry = onlyEntry(s.integrationId());
    assertThat(entry.get("usageSource").asText()).isEqualTo("INCOMPLETE");
    assertThat(entry.get("inputTokens").asLong())
        .as("the prompt, reported at the start")
        .isPositive();
    assertThat(entry.get("outputTokens").asLong())
        .as("the completion tokens the caller received")
        .isEqualTo(estimate(got.text()));
  }

  @Test
  void aSlowDripPastTheDeadlineEndsTheStreamAndBillsTheTokensSeen() throws Exception {
    Setup s = setup("drip", dripping, "openai", "/openai/v1", "gpt-4o-mini", 5);
    long start = System.nanoTime();

    Streamed got = s.stream("openai/gpt-4o-mini", -1);

    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(seconds).as("the 5 s request timeout, not the drip").isLessThan(12);
    assertThat(got.text()).isNotEmpty();
    assertThat(got.body()).contains("\"error\"").doesNotContain("[DONE]");
    JsonNode entry = onlyEntry(s.integrationId());
    assertThat(entry.get("usageSource").asText()).isEqualTo("INCOMPLETE");
    assertThat(entry.get("errorCategory").asText()).isEqualTo("TIMEOUT");
    assertThat(entry.get("inputTokens").asLong()).as("the prompt, estimated").isPositive();
    assertThat(entry.get("outputTokens").asLong()).isEqualTo(estimate(got.text()));
  }

  @Test
  void aCallerThatGoesAwayMidStreamCancelsTheUpstreamAndIsBilledIncomplete() throws Exception {
    Setup s = setup("gone", slow, "openai", "/openai/v1", "gpt-4o-mini", 60);
    long start = System.nanoTime();

    // 40 tokens 250 ms apart (10 s): the caller reads three chunks and hangs up
    Streamed got = s.stream("openai/gpt-4o-mini", 3);

    JsonNode entry = onlyEntry(s.integrationId());
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(seconds)
        .as("the ledger row came when the caller left, not at the end")
        .isLessThan(8);
    assertThat(entry.get("usageSource").asText()).isEqualTo("INCOMPLETE");
    assertThat(entry.get("latencyMillis").asLong()).isLessThan(8_000);
    assertThat(entry.get("outputTokens").asLong())
        .isBetween(estimate(got.text()), estimate(got.text()) + 3);
  }

  /** The tokens the gateway estimates for text it relayed: four characters a token. */
  private static long estimate(String text) {
    return (text.length() + 3) / 4;
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

  private record Streamed(String text, String body) {}

  private record Setup(String integrationId, String apiKey) {

    HttpResponse<String> chat(String model, boolean stream) throws Exception {
      return HTTP.send(request(model, stream), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the stream's text deltas; after {@code hangUpAfter} chunks (-1: never) hangs up. */
    Streamed stream(String model, int hangUpAfter) throws Exception {
      HttpResponse<InputStream> r =
          HTTP.send(request(model, true), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      StringBuilder text = new StringBuilder();
      StringBuilder body = new StringBuilder();
      int chunks = 0;
      try (InputStream in = r.body();
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          body.append(line).append('\n');
          if (!line.startsWith("data: {")) {
            continue;
          }
          JsonNode chunk = AdminApi.JSON.readTree(line.substring(6));
          JsonNode delta = chunk.path("choices").path(0).path("delta").path("content");
          if (delta.isTextual() && !delta.asText().isEmpty()) {
            text.append(delta.asText());
            if (++chunks == hangUpAfter) {
              break; // closing the body aborts the connection
            }
          }
        }
      } catch (java.io.IOException endedByTheServer) {
        // a reset reaches the caller as a broken stream
      }
      return new Streamed(text.toString(), body.toString());
    }

    private HttpRequest request(String model, boolean stream) {
      return HttpRequest.newBuilder(URI.create(SwitchboardServer.BASE_URL + "/v1/chat/completions"))
          .header("Authorization", "Bearer " + apiKey)
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(150))
          .POST(
              HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\""
                      + model
                      + "\",\"stream\":"
                      + stream
                      + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
          .build();
    }
  }

  private static Setup setup(
      String name, Simulator sim, String provider, String path, String model, int timeoutSeconds) {
    String s = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    AdminApi user = AdminApi.newUser("faults-" + s, "faults-" + s);
    AdminApi.Reply r =
        user.post(
            "/api/v1/integrations",
            "{\"name\":\""
                + s
                + "\",\"providerId\":\""
                + provider
                + "\",\"apiKey\":\""
                + KEY
                + "\",\"baseUrl\":\""
                + sim.baseUrl()
                + path
                + "\",\"requestTimeoutSeconds\":"
                + timeoutSeconds
                + ",\"maxRetries\":0,\"models\":[{\"modelId\":\""
                + model
                + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String key = user.post("/api/v1/api-keys", "{\"name\":\"faults\"}").json().get("key").asText();
    return new Setup(r.json().get("id").asText(), key);
  }
}
