package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wire details no SDK judges: Ollama's native API, required headers, unknown routes. */
class WireDetailsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Http http;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults().withStreamTokens(3));
    http = new Http(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void ollamaChatStreamsNdjsonByDefaultAndEndsWithDoneAndCounts() throws Exception {
    HttpResponse<InputStream> response = http.open(http.post("/ollama/api/chat", Http.OLLAMA_CHAT));
    assertThat(response.headers().firstValue("content-type")).contains("application/x-ndjson");
    List<String> lines = FaultInjectionTest.readLines(response.body(), new ArrayList<>());
    assertThat(lines).hasSize(3 + 1);
    StringBuilder text = new StringBuilder();
    for (String line : lines.subList(0, 3)) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.get("done").asBoolean()).isFalse();
      text.append(node.at("/message/content").asText());
    }
    assertThat(text.toString()).isEqualTo("Hello from the ");
    JsonNode done = JSON.readTree(lines.get(3));
    assertThat(done.get("done").asBoolean()).isTrue();
    assertThat(done.get("done_reason").asText()).isEqualTo("stop");
    assertThat(done.get("prompt_eval_count").asInt()).isEqualTo(2 + 3);
    assertThat(done.get("eval_count").asInt()).isEqualTo(3);
    assertThat(done.get("eval_duration").asLong()).isEqualTo(3_000_000L);
    assertThat(done.get("total_duration").asLong())
        .isEqualTo(
            done.get("load_duration").asLong()
                + done.get("prompt_eval_duration").asLong()
                + done.get("eval_duration").asLong());
  }

  @Test
  void ollamaChatWithStreamFalseIsOneObject() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/ollama/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi there\"}]}"));
    JsonNode node = JSON.readTree(response.body());
    assertThat(node.at("/message/content").asText()).isEqualTo("Hello from the ");
    assertThat(node.get("done").asBoolean()).isTrue();
    assertThat(node.get("eval_count").asInt()).isEqualTo(3);
  }

  @Test
  void ollamaMidStreamErrorIsAnNdjsonLineWithStatus200() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post("/ollama/api/chat", Http.OLLAMA_CHAT, "X-Sim-Fault", "stream-error-after=1"));
    assertThat(response.statusCode()).isEqualTo(200);
    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines[1]).has("error")).isTrue();
  }

  @Test
  void ollamaUnknownModelEmbedAndTags() throws Exception {
    HttpResponse<String> missing =
        http.send(http.post("/ollama/api/chat", Http.OLLAMA_CHAT.replace("llama3.2", "missing-x")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("not found");

    JsonNode embed =
        JSON.readTree(
            http.send(
                    http.post(
                        "/ollama/api/embed",
                        "{\"model\":\"nomic-embed-text\",\"input\":[\"a b\",\"c\"]}"))
                .body());
    assertThat(embed.get("embeddings")).hasSize(2);
    assertThat(embed.get("prompt_eval_count").asInt()).isEqualTo(3);

    JsonNode tags = JSON.readTree(http.get("/ollama/api/tags").body());
    assertThat(tags.at("/models/0/name").asText()).isEqualTo("llama3.2:latest");
  }

  @Test
  void anthropicRequiresItsVersionHeader() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/anthropic/v1/messages", "{}", "x-api-key", SimulatorOptions.DEFAULT_API_KEY));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("anthropic-version");
  }

  @Test
  void azureWithoutApiVersionIsResourceNotFound() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post(
                "/azure/openai/deployments/gpt-4o/chat/completions",
                Http.OPENAI_CHAT,
                "api-key",
                SimulatorOptions.DEFAULT_API_KEY));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("Resource not found");
  }

  @Test
  void geminiWithoutAKeyIsPermissionDenied() throws Exception {
    HttpResponse<String> response =
        http.send(http.post("/gemini/v1beta/models/gemini-2.5-flash:generateContent", "{}"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).at("/error/status").asText())
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void unknownPrefixIs404() throws Exception {
    assertThat(http.get("/vertex/v1/projects/x").statusCode()).isEqualTo(404);
  }

  @Test
  void invalidJsonIsTheFamilysBadRequest() throws Exception {
    HttpResponse<String> response =
        http.send(
            http.post("/openai/v1/chat/completions", "{not json", "Authorization", Http.BEARER));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void tokenHeaderOverridesTheDefaultCount() throws Exception {
    JsonNode node =
        JSON.readTree(
            http.send(
                    http.post(
                        "/openai/v1/chat/completions",
                        Http.OPENAI_CHAT,
                        "Authorization",
                        Http.BEARER,
                        "X-Sim-Tokens",
                        "10"))
                .body());
    assertThat(node.at("/usage/completion_tokens").asInt()).isEqualTo(10);
    assertThat(node.at("/choices/0/message/content").asText())
        .isEqualTo("Hello from the Switchboard simulator héllo 🌍 done Hello from ");
  }
}
