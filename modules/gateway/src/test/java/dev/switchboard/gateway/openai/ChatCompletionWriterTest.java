package dev.switchboard.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the writer produces, read back by openai-java's own model classes: the judge. */
class ChatCompletionWriterTest {

  private static final ObjectMapper OPENAI = ObjectMappers.jsonMapper();
  private final ChatCompletionWriter writer =
      new ChatCompletionWriter("chatcmpl-1", "openai/gpt-4o-mini", 1_700_000_000L);
  private final Usage usage = new Usage(11, 5, 3, 2, 16, UsageSource.REPORTED);

  @Test
  void aCompletionParsesInTheOfficialClientWithTextFinishAndUsage() throws Exception {
    ChatResponse r =
        new ChatResponse(
            Message.assistant("Hello héllo 🌍"),
            FinishReason.LENGTH,
            "gpt-4o-mini",
            "req-1",
            usage);

    ChatCompletion c = OPENAI.readValue(writer.completion(r), ChatCompletion.class);

    c.validate();
    assertThat(c.id()).isEqualTo("chatcmpl-1");
    assertThat(c.model()).isEqualTo("openai/gpt-4o-mini");
    assertThat(c.choices().get(0).message().content()).hasValue("Hello héllo 🌍");
    assertThat(c.choices().get(0).finishReason().asString()).isEqualTo("length");
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(11);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(5);
    assertThat(c.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens())
        .hasValue(3L);
  }

  @Test
  void toolCallsAreWrittenAsOpenAiToolCalls() throws Exception {
    ChatResponse r =
        new ChatResponse(
            Message.assistant(
                "", List.of(new ToolCall("call_9", "weather", "{\"city\":\"Oslo\"}"))),
            FinishReason.TOOL_CALLS,
            "m",
            null,
            usage);

    ChatCompletion c = OPENAI.readValue(writer.completion(r), ChatCompletion.class);

    c.validate();
    var call = c.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.id()).isEqualTo("call_9");
    assertThat(call.function().name()).isEqualTo("weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(c.choices().get(0).message().content()).isEmpty();
  }

  @Test
  void streamChunksParseInTheOfficialClientAndEndAsOpenAiDoes() throws Exception {
    ChatCompletionChunk role = chunk(writer.roleChunk());
    ChatCompletionChunk text = chunk(writer.chunk(new StreamEvent.TextDelta("Hel")));
    ChatCompletionChunk tool =
        chunk(writer.chunk(new StreamEvent.ToolCallDelta(0, "call_1", "weather", "{\"ci")));
    ChatCompletionChunk finish = chunk(writer.chunk(new StreamEvent.Finish(FinishReason.STOP)));
    ChatCompletionChunk usageChunk = chunk(writer.usageChunk(usage));

    assertThat(role.choices().get(0).delta().role()).isPresent();
    assertThat(text.choices().get(0).delta().content()).hasValue("Hel");
    assertThat(
            tool.choices()
                .get(0)
                .delta()
                .toolCalls()
                .orElseThrow()
                .get(0)
                .function()
                .orElseThrow()
                .name())
        .hasValue("weather");
    assertThat(finish.choices().get(0).finishReason().orElseThrow().asString()).isEqualTo("stop");
    assertThat(usageChunk.choices()).isEmpty();
    assertThat(usageChunk.usage().orElseThrow().totalTokens()).isEqualTo(16);
    assertThat(writer.chunk(new StreamEvent.UsageReport(usage))).isNull();
    assertThat(new String(ChatCompletionWriter.DONE, StandardCharsets.US_ASCII))
        .isEqualTo("data: [DONE]\n\n");
  }

  @Test
  void errorsHaveOpenAisShape() throws Exception {
    var node =
        new ObjectMapper()
            .readTree(
                ChatCompletionWriter.error("bad", "invalid_request_error", "temperature", null));

    assertThat(node.at("/error/message").asText()).isEqualTo("bad");
    assertThat(node.at("/error/param").asText()).isEqualTo("temperature");
    assertThat(node.at("/error/code").isNull()).isTrue();
  }

  private static ChatCompletionChunk chunk(byte[] sse) throws Exception {
    String line = new String(sse, StandardCharsets.UTF_8);
    assertThat(line).startsWith("data: ").endsWith("\n\n");
    ChatCompletionChunk c = OPENAI.readValue(line.substring(6).trim(), ChatCompletionChunk.class);
    c.validate();
    return c;
  }
}
