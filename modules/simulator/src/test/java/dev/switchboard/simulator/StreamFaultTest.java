package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream faults, seen by a plain HTTP client: the bytes and their timing on the wire. */
class StreamFaultTest {

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
    return FaultInjectionTest.readLines(body, into);
  }

  @Test
  void resetAfterDropsTheConnectionWithoutTheTerminatingChunk() throws Exception {
    RawHttp.Response raw =
        RawHttp.post(
            sim.port(),
            "/openai/v1/chat/completions",
            Http.OPENAI_STREAM,
            "Authorization: " + Http.BEARER,
            "X-Sim-Fault: reset-after=3");
    assertThat(raw.head()).startsWith("HTTP/1.1 200");
    assertThat(raw.complete()).isFalse();
    assertThat(raw.chunks()).hasSize(1 + 3); // the role chunk, then three tokens
    assertThat(new String(raw.body(), StandardCharsets.UTF_8)).doesNotContain("[DONE]");
  }

  @Test
  void resetAfterIsATcpResetNotACleanClose() throws Exception {
    try (java.net.Socket socket =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), sim.port())) {
      socket.setSoTimeout(10_000);
      byte[] body = Http.OPENAI_STREAM.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + body.length
              + "\r\nAuthorization: "
              + Http.BEARER
              + "\r\nX-Sim-Fault: reset-after=2\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(body);
      InputStream in = socket.getInputStream();
      // a clean close would end with read() == -1; a reset (SO_LINGER 0) fails the read
      assertThatThrownBy(
              () -> {
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                  // the head and the first frames, then the reset
                }
              })
          .isInstanceOf(java.net.SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void anHttpClientSeesTheResetAsAnIoException() throws Exception {
    HttpResponse<InputStream> response =
        http.open(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_STREAM,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "reset-after=3"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> readLines(response.body(), new ArrayList<>()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void streamIsWrittenIncrementallyWithTheConfiguredDelay() throws Exception {
    HttpResponse<InputStream> response =
        http.open(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_STREAM,
                "Authorization",
                Http.BEARER,
                "X-Sim-Tokens",
                "5",
                "X-Sim-Delay-Ms",
                "200"));
    long firstToken = 0;
    long lastToken = 0;
    int tokens = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
          tokens++;
          lastToken = System.nanoTime();
          if (firstToken == 0) {
            firstToken = lastToken;
          }
        }
      }
    }
    assertThat(tokens).isEqualTo(5);
    // The first token was in the client's hands while the server still had 4 delays to go.
    assertThat(Duration.ofNanos(lastToken - firstToken))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void noUsageIgnoresIncludeUsage() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_STREAM,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "no-usage"));
    assertThat(response.body()).doesNotContain("\"usage\"").contains("data: [DONE]");
  }

  @Test
  void openAiMidStreamErrorIsADataErrorEvent() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/openai/v1/chat/completions",
                Http.OPENAI_STREAM,
                "Authorization",
                Http.BEARER,
                "X-Sim-Fault",
                "stream-error-after=2"));
    assertThat(response.statusCode()).isEqualTo(200);
    String[] events = response.body().split("\n\n");
    assertThat(events).hasSize(1 + 2 + 1);
    assertThat(events[3]).startsWith("data: {\"error\":{").doesNotContain("[DONE]");
  }

  @Test
  void geminiMidStreamErrorIsAGoogleErrorEvent() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                "x-goog-api-key",
                SimulatorOptions.DEFAULT_API_KEY,
                "X-Sim-Fault",
                "stream-error-after=1"));
    String[] events = response.body().split("\r\n\r\n");
    assertThat(events).hasSize(2);
    assertThat(events[1]).contains("\"status\":\"INTERNAL\"");
  }

  @Test
  void splitUtf8SplitsAMultiByteCharacterAcrossTwoChunks() throws Exception {
    RawHttp.Response response =
        RawHttp.post(
            sim.port(),
            "/ollama/api/chat",
            Http.OLLAMA_CHAT,
            "X-Sim-Tokens: 6",
            "X-Sim-Fault: split-utf8");
    byte[] splitChunk =
        response.chunks().stream()
            .filter(c -> (c[c.length - 1] & 0xC0) == 0xC0)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no chunk ends inside a character"));
    assertThat(splitChunk).isNotEmpty();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"content\":\"héllo \"").doesNotContain("\uFFFD");
  }
}
