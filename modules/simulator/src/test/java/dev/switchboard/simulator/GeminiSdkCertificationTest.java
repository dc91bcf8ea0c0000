package dev.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.Content;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import dev.switchboard.simulator.wire.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official google-genai SDK parses the simulator's Gemini API. */
class GeminiSdkCertificationTest {

  static final String REPLY = OpenAiSdkCertificationTest.REPLY;
  static final String PROMPT = "Say hello to the gateway";
  static final int INPUT_TOKENS = 5 + 3;

  static Simulator sim;
  static Client client;

  @BeforeAll
  static void start() {
    sim = Simulator.start();
    client = client(SimulatorOptions.DEFAULT_API_KEY);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Client client(String key) {
    return Client.builder()
        .apiKey(key)
        .httpOptions(
            HttpOptions.builder()
                .baseUrl(sim.baseUrl() + "/gemini")
                .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                .build())
        .build();
  }

  @Test
  void generateContentParsesTextAndUsage() {
    GenerateContentResponse response =
        client.models.generateContent("gemini-2.5-flash", PROMPT, null);

    assertThat(response.text()).isEqualTo(REPLY);
    assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
    assertThat(usage.promptTokenCount()).contains(INPUT_TOKENS);
    assertThat(usage.candidatesTokenCount()).contains(8);
    assertThat(usage.totalTokenCount()).contains(INPUT_TOKENS + 8);
  }

  @Test
  void systemInstructionCountsAsAMessageAndMaxOutputTokensCuts() {
    GenerateContentConfig config =
        GenerateContentConfig.builder()
            .systemInstruction(Content.fromParts(Part.fromText("You are terse.")))
            .maxOutputTokens(2)
            .build();
    GenerateContentResponse response =
        client.models.generateContent("gemini-2.5-flash", PROMPT, config);
    assertThat(response.text()).isEqualTo("Hello from ");
    assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.MAX_TOKENS);
    assertThat(response.usageMetadata().orElseThrow().promptTokenCount())
        .contains(INPUT_TOKENS + 6);
  }

  @Test
  void streamCarriesCumulativeUsageOnEveryChunk() {
    List<GenerateContentResponse> chunks = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream("gemini-2.5-flash", PROMPT, null)) {
      stream.forEach(chunks::add);
    }
    assertThat(chunks).hasSize(8);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < chunks.size(); i++) {
      text.append(chunks.get(i).text());
      assertThat(chunks.get(i).usageMetadata().orElseThrow().candidatesTokenCount())
          .contains(i + 1);
    }
    assertThat(text.toString()).isEqualTo(REPLY);
    assertThat(chunks.get(7).finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
  }

  @Test
  void thoughtsCountInTheTotal() {
    GenerateContentConfig config =
        GenerateContentConfig.builder()
            .httpOptions(
                HttpOptions.builder()
                    .headers(Map.of("X-Sim-Reasoning-Tokens", "7", "X-Sim-Cached-Tokens", "2"))
                    .build())
            .build();
    GenerateContentResponseUsageMetadata usage =
        client
            .models
            .generateContent("gemini-2.5-pro", PROMPT, config)
            .usageMetadata()
            .orElseThrow();
    assertThat(usage.thoughtsTokenCount()).contains(7);
    assertThat(usage.cachedContentTokenCount()).contains(2);
    assertThat(usage.totalTokenCount()).contains(INPUT_TOKENS + 8 + 7);
  }

  @Test
  void embedContentReturnsTheDeterministicVector() {
    EmbedContentResponse response =
        client.models.embedContent("text-embedding-004", "hello embedding world", null);
    List<Float> values = response.embeddings().orElseThrow().get(0).values().orElseThrow();
    float[] expected = Reply.embedding("hello embedding world", 8);
    assertThat(values).hasSize(8);
    assertThat(values.get(5)).isEqualTo(expected[5]);
  }

  @Test
  void errorsCarryGoogleStatus() {
    sim.enqueueFault("gemini", "status=429");
    assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash", PROMPT, null))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(429);
              assertThat(e.message()).contains("quota");
            });
    assertThatThrownBy(() -> client.models.generateContent("missing-gemini", PROMPT, null))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.message()).contains("models/missing-gemini is not found");
            });
    assertThatThrownBy(
            () -> client("wrong").models.generateContent("gemini-2.5-flash", PROMPT, null))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.message()).contains("API key not valid");
            });
    sim.enqueueFault("gemini", "status=503");
    assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash", PROMPT, null))
        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.code()).isEqualTo(503));
  }

  @Test
  void aModelGoogleDoesNotServeIsNotFound() {
    assertThatThrownBy(() -> client.models.generateContent("gemini-9.9-nonexistent", PROMPT, null))
        .isInstanceOfSatisfying(
            ClientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.status()).isEqualTo("NOT_FOUND");
            });
  }

  /** The get_weather tool, not forced. */
  private static GenerateContentConfig weatherTool() {
    return GenerateContentConfig.builder()
        .tools(
            Tool.builder()
                .functionDeclarations(
                    List.of(FunctionDeclaration.builder().name("get_weather").build()))
                .build())
        .build();
  }

  @Test
  void aQuestionNamingTwoCitiesGetsParallelFunctionCalls() {
    GenerateContentConfig tools = weatherTool();
    GenerateContentResponse call =
        client.models.generateContent(
            "gemini-2.5-flash", "What is the weather in Paris and in Rome?", tools);

    assertThat(call.functionCalls()).hasSize(2);
    assertThat(call.functionCalls().get(0).args())
        .contains(Map.of("location", "Paris", "unit", "celsius"));
    assertThat(call.functionCalls().get(1).args())
        .contains(Map.of("location", "Rome", "unit", "celsius"));
  }

  @Test
  void functionCallAndJsonMode() throws Exception {
    GenerateContentConfig tools = weatherTool();
    GenerateContentResponse call =
        client.models.generateContent("gemini-2.5-flash", "What is the weather in Paris?", tools);
    FunctionCall functionCall = call.functionCalls().get(0);
    assertThat(functionCall.name()).contains("get_weather");
    assertThat(functionCall.args()).contains(Map.of("location", "Paris", "unit", "celsius"));

    GenerateContentResponse json =
        client.models.generateContent(
            "gemini-2.5-flash",
            PROMPT,
            GenerateContentConfig.builder().responseMimeType("application/json").build());
    assertThat(new ObjectMapper().readTree(json.text()).get("reply").asText()).isEqualTo(REPLY);
  }
}
