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

/** The library API: start, base URL, options, counts, close. */
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
}
