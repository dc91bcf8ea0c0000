package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The library API: start, base URL, options, counts, the request record, models, close. */
class SimulatorTest {

  @Test
  void startsOnARandomLoopbackPortWithABaseUrlWithoutTrailingSlash() {
    try (Simulator a = Simulator.start();
        Simulator b = Simulator.start()) {
      assertThat(a.port()).isPositive().isNotEqualTo(b.port());
      assertThat(a.baseUrl()).isEqualTo("http://127.0.0.1:" + a.port());
      assertThat(a.families())
          .contains(
              "openai", "azure", "anthropic", "gemini", "cohere", "ollama", "groq", "llamacpp");
    }
  }

  @Test
  void optionsAreValidatedAndTheKeyIsConfigurable() throws Exception {
    assertThatThrownBy(() -> SimulatorOptions.defaults().withThreads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatorOptions.defaults().withApiKey(""))
        .isInstanceOf(IllegalArgumentException.class);
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withApiKey("other"))) {
      Http http = new Http(sim);
      assertThat(
              http.send(
                      http.post(
                          "/openai/v1/chat/completions",
                          Http.OPENAI_CHAT,
                          "Authorization",
                          Http.BEARER))
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              http.send(
                      http.post(
                          "/openai/v1/chat/completions",
                          Http.OPENAI_CHAT,
                          "Authorization",
                          "Bearer other"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(sim.requestCount("openai")).isEqualTo(2);
      assertThatThrownBy(() -> sim.requestCount("vertex"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closeDropsHungAndStreamingConnections() throws Exception {
    Simulator sim = Simulator.start();
    Http http = new Http(sim);
    CompletableFuture<HttpResponse<String>> hung =
        Http.CLIENT.sendAsync(
            http.post("/openai/v1/chat/completions", Http.OPENAI_CHAT, "X-Sim-Fault", "hang")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> slow =
        Http.CLIENT.sendAsync(
            http.post(
                    "/openai/v1/chat/completions",
                    Http.OPENAI_STREAM,
                    "Authorization",
                    Http.BEARER,
                    "X-Sim-Delay-Ms",
                    "10000")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // both requests are in the server (one hanging, one mid-stream) before it closes
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.requestCount("openai") == 2);
    sim.close();
    assertThatThrownBy(() -> hung.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void everyRequestIsRecordedWithItsHeadersAndBodyWhateverItsOutcome() throws Exception {
    try (Simulator sim = Simulator.start()) {
      Http http = new Http(sim);
      http.send(
          http.post(
              "/openai/v1/chat/completions",
              Http.OPENAI_CHAT,
              "Authorization",
              "Bearer wrong-key",
              "X-Trace",
              "t-1"));
      http.send(
          http.post(
              "/anthropic/v1/messages",
              "{\"model\":1}",
              "x-api-key",
              "k",
              "X-Sim-Fault",
              "html-502"));
      http.get("/nowhere/v1/models?limit=2");

      assertThat(sim.requests()).hasSize(3);
      ReceivedRequest refused = sim.requests().get(0);
      assertThat(refused.family()).isEqualTo("openai");
      assertThat(refused.method()).isEqualTo("POST");
      assertThat(refused.path()).isEqualTo("/openai/v1/chat/completions");
      assertThat(refused.header("authorization")).isEqualTo("Bearer wrong-key");
      assertThat(refused.header("X-TRACE")).isEqualTo("t-1");
      assertThat(refused.bodyText()).isEqualTo(Http.OPENAI_CHAT);
      assertThat(refused.contains("wrong-key")).isTrue();
      assertThat(refused.contains("never-sent")).isFalse();
      assertThat(sim.requests("anthropic"))
          .singleElement()
          .satisfies(r -> assertThat(r.bodyText()).isEqualTo("{\"model\":1}"));
      ReceivedRequest unknown = sim.requests().get(2);
      assertThat(unknown.family()).isEqualTo("nowhere");
      assertThat(unknown.query()).isEqualTo("limit=2");

      sim.clearRequests();
      assertThat(sim.requests()).isEmpty();
      assertThat(sim.requestCount("openai")).isEqualTo(1);
    }
  }

  @Test
  void theRecordKeepsOnlyTheLastRequests() throws Exception {
    try (Simulator sim = Simulator.start()) {
      Http http = new Http(sim);
      int capacity = dev.switchboard.simulator.wire.RequestLog.CAPACITY;
      for (int i = 0; i < capacity + 5; i++) {
        http.get("/openai/v1/models/gpt-4o?n=" + i, "Authorization", Http.BEARER);
      }
      assertThat(sim.requests()).hasSize(capacity);
      assertThat(sim.requests().get(0).query()).isEqualTo("n=5");
      assertThat(sim.requests().get(capacity - 1).query()).isEqualTo("n=" + (capacity + 4));
    }
  }

  @Test
  void addedModelsAreServedAndListedOthersAreNotFound() throws Exception {
    try (Simulator sim = Simulator.start()) {
      Http http = new Http(sim);
      String chat = Http.OPENAI_CHAT.replace("gpt-4o", "house-model");
      assertThat(
              http.send(
                      http.post("/openai/v1/chat/completions", chat, "Authorization", Http.BEARER))
                  .statusCode())
          .isEqualTo(404);
      sim.addModels("openai", "house-model");
      assertThat(
              http.send(
                      http.post("/openai/v1/chat/completions", chat, "Authorization", Http.BEARER))
                  .statusCode())
          .isEqualTo(200);
      assertThat(http.get("/openai/v1/models", "Authorization", Http.BEARER).body())
          .contains("\"house-model\"", "\"gpt-4o-mini\"");
      assertThatThrownBy(() -> sim.addModels("vertex", "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> sim.addModels("openai", " "))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
