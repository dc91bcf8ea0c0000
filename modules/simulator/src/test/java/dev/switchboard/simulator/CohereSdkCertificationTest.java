package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cohere.api.Cohere;
import com.cohere.api.core.ObjectMappers;
import com.cohere.api.errors.NotFoundError;
import com.cohere.api.errors.UnauthorizedError;
import com.cohere.api.resources.v2.requests.V2ChatRequest;
import com.cohere.api.resources.v2.requests.V2ChatStreamRequest;
import com.cohere.api.resources.v2.requests.V2EmbedRequest;
import com.cohere.api.resources.v2.types.V2ChatResponse;
import com.cohere.api.resources.v2.types.V2ChatStreamResponse;
import com.cohere.api.types.ChatFinishReason;
import com.cohere.api.types.ChatMessageV2;
import com.cohere.api.types.EmbedByTypeResponse;
import com.cohere.api.types.EmbedInputType;
import com.cohere.api.types.ToolCallV2Function;
import com.cohere.api.types.ToolV2;
import com.cohere.api.types.ToolV2Function;
import com.cohere.api.types.UsageBilledUnits;
import com.cohere.api.types.UserMessageV2;
import com.cohere.api.types.UserMessageV2Content;
import dev.switchboard.simulator.wire.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official cohere-java SDK (1.9.3) parses the simulator's v2 chat, its SSE stream and embed.
 * The stream is also read as raw SSE here, to pin the event names the SDK does not expose.
 */
class CohereSdkCertificationTest {

  static final String REPLY = OpenAiSdkCertificationTest.REPLY;
  static final int INPUT_TOKENS = 5 + 3;

  static Simulator sim;
  static Cohere client;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    client = client(SimulatorOptions.DEFAULT_API_KEY);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Cohere client(String key) {
    return Cohere.builder().token(key).url(sim.baseUrl() + "/cohere").build();
  }

  static List<ChatMessageV2> messages() {
    return List.of(
        ChatMessageV2.user(
            UserMessageV2.builder()
                .content(UserMessageV2Content.of("Say hello to the gateway"))
                .build()));
  }

  @Test
  void chatParsesTextFinishReasonAndBilledUnits() {
    V2ChatResponse response =
        client
            .v2()
            .chat(V2ChatRequest.builder().model("command-a-03-2025").messages(messages()).build());

    assertThat(
            response
                .getMessage()
                .getContent()
                .orElseThrow()
                .get(0)
                .getText()
                .orElseThrow()
                .getText())
        .isEqualTo(REPLY);
    assertThat(response.getFinishReason()).isEqualTo(ChatFinishReason.COMPLETE);
    UsageBilledUnits billed = response.getUsage().orElseThrow().getBilledUnits().orElseThrow();
    assertThat(billed.getInputTokens()).contains((double) INPUT_TOKENS);
    assertThat(billed.getOutputTokens()).contains(8.0);
  }

  @Test
  void streamIsSseWhoseEventsDecodeAsTheSdkTypes() throws Exception {
    byte[] body =
        ObjectMappers.JSON_MAPPER.writeValueAsBytes(
            V2ChatStreamRequest.builder().model("command-a-03-2025").messages(messages()).build());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/cohere/v2/chat"))
            .header("Authorization", "Bearer " + SimulatorOptions.DEFAULT_API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");

    List<String> names = new ArrayList<>();
    List<V2ChatStreamResponse> events = new ArrayList<>();
    boolean done = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("event: ")) {
          names.add(line.substring(7));
        } else if (line.equals("data: [DONE]")) {
          done = true;
        } else if (line.startsWith("data: ")) {
          events.add(
              ObjectMappers.JSON_MAPPER.readValue(line.substring(6), V2ChatStreamResponse.class));
        }
      }
    }
    assertThat(done).isTrue();
    assertThat(names).first().isEqualTo("message-start");
    assertThat(names).last().isEqualTo("message-end");
    StringBuilder text = new StringBuilder();
    events.forEach(
        e ->
            e.getContentDelta()
                .flatMap(d -> d.getDelta())
                .flatMap(d -> d.getMessage())
                .flatMap(m -> m.getContent())
                .flatMap(c -> c.getText())
                .ifPresent(text::append));
    assertThat(text.toString()).isEqualTo(REPLY);
    var end = events.get(events.size() - 1).getMessageEnd().orElseThrow().getDelta().orElseThrow();
    assertThat(end.getFinishReason()).contains(ChatFinishReason.COMPLETE);
    assertThat(end.getUsage().orElseThrow().getBilledUnits().orElseThrow().getOutputTokens())
        .contains(8.0);
  }

  @Test
  void sdkChatStreamReadsTheSseStreamEventByEvent() {
    // cohere-java 1.9 reads SSE (1.7 read NDJSON and failed on the real stream)
    StringBuilder text = new StringBuilder();
    List<V2ChatStreamResponse> events = new ArrayList<>();
    client
        .v2()
        .chatStream(
            V2ChatStreamRequest.builder().model("command-a-03-2025").messages(messages()).build())
        .forEach(events::add);
    events.forEach(
        e ->
            e.getContentDelta()
                .flatMap(d -> d.getDelta())
                .flatMap(d -> d.getMessage())
                .flatMap(m -> m.getContent())
                .flatMap(c -> c.getText())
                .ifPresent(text::append));
    assertThat(text.toString()).isEqualTo(REPLY);
    assertThat(events.get(0).getMessageStart()).isPresent();
    var end = events.get(events.size() - 1).getMessageEnd().orElseThrow().getDelta().orElseThrow();
    assertThat(end.getFinishReason()).contains(ChatFinishReason.COMPLETE);
  }

  @Test
  void aModelCohereDoesNotServeIsNotFound() {
    assertThatThrownBy(
            () ->
                client
                    .v2()
                    .chat(
                        V2ChatRequest.builder()
                            .model("command-nonexistent")
                            .messages(messages())
                            .build()))
        .isInstanceOf(NotFoundError.class);
  }

  @Test
  void embedReturnsTheDeterministicVectors() {
    EmbedByTypeResponse response =
        client
            .v2()
            .embed(
                V2EmbedRequest.builder()
                    .model("embed-v4.0")
                    .inputType(EmbedInputType.SEARCH_DOCUMENT)
                    .texts(List.of("hello embedding world"))
                    .build());
    List<Double> vector = response.getEmbeddings().getFloat().orElseThrow().get(0);
    assertThat(vector).hasSize(8);
    assertThat(vector.get(2).floatValue())
        .isEqualTo(Reply.embedding("hello embedding world", 8)[2]);
  }

  @Test
  void errorsMapToTheSdkErrorTypes() {
    assertThatThrownBy(
            () ->
                client("wrong")
                    .v2()
                    .chat(
                        V2ChatRequest.builder()
                            .model("command-a-03-2025")
                            .messages(messages())
                            .build()))
        .isInstanceOfSatisfying(
            UnauthorizedError.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    assertThatThrownBy(
            () ->
                client
                    .v2()
                    .chat(
                        V2ChatRequest.builder()
                            .model("missing-command")
                            .messages(messages())
                            .build()))
        .isInstanceOfSatisfying(
            NotFoundError.class,
            e -> assertThat(e.body().toString()).contains("model 'missing-command' not found"));
  }

  @Test
  void sdkRetriesA429ByItselfAndThenSucceeds() {
    long before = sim.requestCount("cohere");
    sim.enqueueFault("cohere", "status=429");
    V2ChatResponse response =
        client
            .v2()
            .chat(V2ChatRequest.builder().model("command-a-03-2025").messages(messages()).build());
    assertThat(response.getFinishReason()).isEqualTo(ChatFinishReason.COMPLETE);
    assertThat(sim.requestCount("cohere")).isEqualTo(before + 2);
  }

  @Test
  void toolCallIsParsed() {
    V2ChatResponse response =
        client
            .v2()
            .chat(
                V2ChatRequest.builder()
                    .model("command-a-03-2025")
                    .messages(
                        List.of(
                            ChatMessageV2.user(
                                UserMessageV2.builder()
                                    .content(
                                        UserMessageV2Content.of("What is the weather in Paris?"))
                                    .build())))
                    .tools(
                        List.of(
                            ToolV2.builder()
                                .function(ToolV2Function.builder().name("get_weather").build())
                                .build()))
                    .build());
    assertThat(response.getFinishReason()).isEqualTo(ChatFinishReason.TOOL_CALL);
    ToolCallV2Function call =
        response.getMessage().getToolCalls().orElseThrow().get(0).getFunction().orElseThrow();
    assertThat(call.getName()).contains("get_weather");
    assertThat(call.getArguments()).contains(Reply.TOOL_ARGUMENTS);
  }
}
