package dev.switchboard.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ContentPart;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ResponseFormat;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.chat.ToolChoice;
import dev.switchboard.core.chat.ToolDefinition;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestsTest {

  private static final JsonProvider JSON = JsonProvider.provider();
  private final ChatRequests requests = new ChatRequests(JSON);

  @Test
  void everySettingGoesOutUnderItsOpenAiName() {
    ChatRequest r =
        ChatRequest.builder("answer-generation")
            .system("Be brief.")
            .user("Hi")
            .temperature(0.5)
            .topP(0.9)
            .maxOutputTokens(42)
            .stop("END")
            .stop("STOP")
            .seed(7)
            .endUser("user-1")
            .responseFormat(ResponseFormat.jsonSchema("reply", "{\"type\":\"object\"}"))
            .build();

    JsonObject o = read(requests.chat(r, false));

    assertThat(o.getString("model")).isEqualTo("answer-generation");
    assertThat(o.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
    assertThat(o.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("Hi");
    assertThat(o.getJsonNumber("temperature").doubleValue()).isEqualTo(0.5);
    assertThat(o.getJsonNumber("top_p").doubleValue()).isEqualTo(0.9);
    assertThat(o.getInt("max_completion_tokens")).isEqualTo(42);
    assertThat(o.getJsonArray("stop").getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("END", "STOP");
    assertThat(o.getJsonNumber("seed").longValue()).isEqualTo(7);
    assertThat(o.getString("user")).isEqualTo("user-1");
    JsonObject format = o.getJsonObject("response_format");
    assertThat(format.getString("type")).isEqualTo("json_schema");
    assertThat(format.getJsonObject("json_schema").getString("name")).isEqualTo("reply");
    assertThat(format.getJsonObject("json_schema").getJsonObject("schema").getString("type"))
        .isEqualTo("object");
    assertThat(o.containsKey("stream")).isFalse();
  }

  @Test
  void aStreamAsksForTheUsageChunk() {
    JsonObject o = read(requests.chat(ChatRequest.builder("m").user("Hi").build(), true));

    assertThat(o.getBoolean("stream")).isTrue();
    assertThat(o.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
  }

  @Test
  void imagesGoAsContentPartsAndInlineDataAsADataUrl() {
    ChatRequest r =
        ChatRequest.builder("m")
            .message(
                Message.user(
                    List.of(
                        ContentPart.text("What is this?"),
                        ContentPart.Image.ofUrl("https://example.com/cat.png"),
                        ContentPart.Image.ofBase64("iVBORw0KGgo=", "image/png"))))
            .build();

    var parts =
        read(requests.chat(r, false))
            .getJsonArray("messages")
            .getJsonObject(0)
            .getJsonArray("content");

    assertThat(parts.getJsonObject(0).getString("type")).isEqualTo("text");
    assertThat(parts.getJsonObject(0).getString("text")).isEqualTo("What is this?");
    assertThat(parts.getJsonObject(1).getJsonObject("image_url").getString("url"))
        .isEqualTo("https://example.com/cat.png");
    assertThat(parts.getJsonObject(2).getJsonObject("image_url").getString("url"))
        .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
  }

  @Test
  void toolsChoicesCallsAndResultsTakeTheOpenAiShapes() {
    ChatRequest r =
        ChatRequest.builder("m")
            .user("Weather in Paris?")
            .message(
                Message.assistant(
                    null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
            .message(Message.toolResult("call_1", "{\"celsius\":21}"))
            .tool(
                new ToolDefinition(
                    "get_weather",
                    "Current weather",
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
            .toolChoice(ToolChoice.function("get_weather"))
            .build();

    JsonObject o = read(requests.chat(r, false));

    JsonObject tool = o.getJsonArray("tools").getJsonObject(0);
    assertThat(tool.getString("type")).isEqualTo("function");
    assertThat(tool.getJsonObject("function").getString("description"))
        .isEqualTo("Current weather");
    assertThat(tool.getJsonObject("function").getJsonObject("parameters").getString("type"))
        .isEqualTo("object");
    assertThat(o.getJsonObject("tool_choice").getJsonObject("function").getString("name"))
        .isEqualTo("get_weather");
    JsonObject assistant = o.getJsonArray("messages").getJsonObject(1);
    assertThat(assistant.isNull("content")).isTrue();
    JsonObject call = assistant.getJsonArray("tool_calls").getJsonObject(0);
    assertThat(call.getString("id")).isEqualTo("call_1");
    assertThat(call.getJsonObject("function").getString("arguments"))
        .isEqualTo("{\"city\":\"Paris\"}");
    JsonObject result = o.getJsonArray("messages").getJsonObject(2);
    assertThat(result.getString("role")).isEqualTo("tool");
    assertThat(result.getString("tool_call_id")).isEqualTo("call_1");
    assertThat(
            read(requests.chat(
                    ChatRequest.builder("m").user("x").toolChoice(ToolChoice.REQUIRED).build(),
                    false))
                .getString("tool_choice"))
        .isEqualTo("required");
  }

  @Test
  void aToolSchemaThatIsNotJsonIsRefusedBeforeAnyCall() {
    ChatRequest r =
        ChatRequest.builder("m").user("x").tool(new ToolDefinition("f", null, "{not json")).build();

    assertThatThrownBy(() -> requests.chat(r, false))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.category()).isEqualTo(ErrorCategory.BAD_REQUEST));
  }

  @Test
  void embeddingsAskForBase64WithTheirDimensions() {
    JsonObject o = read(requests.embeddings(new EmbeddingRequest("e", List.of("a", "b"), 16, "u")));

    assertThat(o.getJsonArray("input")).hasSize(2);
    assertThat(o.getString("encoding_format")).isEqualTo("base64");
    assertThat(o.getInt("dimensions")).isEqualTo(16);
    assertThat(o.getString("user")).isEqualTo("u");
  }

  private static JsonObject read(String json) {
    try (var reader = JSON.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
