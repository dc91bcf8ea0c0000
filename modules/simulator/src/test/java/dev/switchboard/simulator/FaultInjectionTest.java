package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault of the spec language, seen by a plain HTTP client. */
class FaultInjectionTest {

  static final String MISTRAL_CHAT = Http.OPENAI_CHAT.replace("gpt-4o", "mistral-small-latest");

  static Simulator sim;
  static Http http;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    http = new Http(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static List<String> readLines(InputStream body, List<String> into) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          into.add(line);
        }
      }
    }
    return into;
  }

  @Test
  void resetAfterCutsAWholeBodyShortOfItsContentLength() {
    assertThatThrownBy(
            () ->
                http.send(
                    http.post(
                        "/openai/v1/chat/completions",
                        Http.OPENAI_CHAT,
                        "Authorization",
                        Http.BEARER,
                        "X-Sim-Fault",
                        "reset-after=0")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void dripSendsHeadersAtOnceThenOneBytePerInterval() throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        http.open(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_CHAT,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "drip=500"));
    long headers = System.nanoTime();
    try (InputStream body = response.body()) {
      assertThat(body.read()).isEqualTo('{');
      assertThat(body.read()).isEqualTo('"');
    }
    long twoBytes = System.nanoTime();
    // headers well before the first interval; two bytes take at least two intervals
    assertThat(Duration.ofNanos(headers - start)).isLessThan(Duration.ofMillis(400));
    assertThat(Duration.ofNanos(twoBytes - headers)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void hangAcceptsButNeverAnswers() {
    assertThatThrownBy(
            () ->
                http.send(
                    http.post("/anthropic/v1/messages", "{}", "X-Sim-Fault", "hang")
                        .timeout(Duration.ofMillis(400))))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void latencyDelaysTheHeaders() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_CHAT,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "latency=300"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void html502IsAnHtmlPage() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post("/gemini/v1beta/models/x:generateContent", "{}", "X-Sim-Fault", "html-502"));
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("content-type")).contains("text/html");
    assertThat(response.body()).contains("<h1>502 Bad Gateway</h1>");
  }

  @Test
  void html200IsAnHtmlPageWithStatus200() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_CHAT,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "html-200"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    assertThat(response.body()).contains("Captive portal: sign in");
  }

  @Test
  void malformedIsATruncatedJsonBodyWithStatus200() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_CHAT,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "malformed"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThatThrownBy(() -> new ObjectMapper().readTree(response.body()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void retryHeadersFollowTheSpec() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_CHAT,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "status=429;retry-after-date=5;should-retry=false"));
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("x-should-retry")).contains("false");
    ZonedDateTime at =
        ZonedDateTime.parse(
            response.headers().firstValue("retry-after").orElseThrow(),
            DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(at).isAfter(ZonedDateTime.now().plusSeconds(3));
  }

  @Test
  void enqueuedFaultsApplyOnceInOrderAndScenariosUntilCleared() throws Exception {
    sim.enqueueFault("mistral", "status=500");
    sim.enqueueFault("mistral", "status=503");
    long before = sim.requestCount("mistral");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(
          http.send(
                  http.post(
                      "/mistral/v1/chat/completions", MISTRAL_CHAT, "Authorization", Http.BEARER))
              .statusCode());
    }
    assertThat(statuses).containsExactly(500, 503, 200);
    sim.setScenario("mistral", "status=429");
    for (int i = 0; i < 2; i++) {
      assertThat(
              http.send(
                      http.post(
                          "/mistral/v1/chat/completions",
                          MISTRAL_CHAT,
                          "Authorization",
                          Http.BEARER))
                  .statusCode())
          .isEqualTo(429);
    }
    sim.clearScenarios();
    assertThat(
            http.send(
                    http.post(
                        "/mistral/v1/chat/completions", MISTRAL_CHAT, "Authorization", Http.BEARER))
                .statusCode())
        .isEqualTo(200);
    assertThat(sim.requestCount("mistral")).isEqualTo(before + 6);
  }

  @Test
  void badSpecsAreRefused() throws Exception {
    assertThatThrownBy(() -> sim.enqueueFault("openai", "explode"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.setScenario("nope", "hang"))
        .isInstanceOf(IllegalArgumentException.class);
    HttpResponse<String> response =
        http.send(http.post("/anthropic/v1/messages", "{}", "X-Sim-Fault", "status=abc"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"type\":\"invalid_request_error\"");
  }
}
