package dev.switchboard.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageWriterTest {

  private static final Usage USAGE = new Usage(30, 8, 10, 0, 38, UsageSource.REPORTED);

  @Test
  void aTextReplyIsAMessageWithAnthropicsUsageArithmetic() {
    JsonNode m =
        MessageWriter.message(
            "msg_1",
            "openai/gpt-4o-mini",
            new ChatResponse(Message.assistant("Hello"), FinishReason.STOP, "gpt", null, USAGE));

    assertThat(m.get("type").asText()).isEqualTo("message");
    assertThat(m.get("role").asText()).isEqualTo("assistant");
    assertThat(m.get("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(m.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(m.at("/content/0/text").asText()).isEqualTo("Hello");
    assertThat(m.get("stop_reason").asText()).isEqualTo("end_turn");
    // the neutral input includes cached tokens; Anthropic's input_tokens excludes them
    assertThat(m.at("/usage/input_tokens").asLong()).isEqualTo(20);
    assertThat(m.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(10);
    assertThat(m.at("/usage/cache_creation_input_tokens").isNull()).isTrue();
    assertThat(m.at("/usage/output_tokens").asLong()).isEqualTo(8);
  }

  @Test
  void toolCallsAreToolUseBlocksWithTheirInputObject() {
    Message reply =
        Message.assistant(
            "", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")));
    JsonNode m =
        MessageWriter.message(
            "msg_1", "m", new ChatResponse(reply, FinishReason.TOOL_CALLS, "m", null, USAGE));

    assertThat(m.get("content")).hasSize(1);
    assertThat(m.at("/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(m.at("/content/0/id").asText()).isEqualTo("call_1");
    assertThat(m.at("/content/0/input/city").asText()).isEqualTo("Paris");
    assertThat(m.get("stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void argumentsThatAreNotAJsonObjectAreTheUpstreamsFaultNotAMadeUpInput() {
    Message reply = Message.assistant("", List.of(new ToolCall("c", "f", "[1,")));

    assertThatThrownBy(
            () ->
                MessageWriter.message(
                    "msg_1",
                    "m",
                    new ChatResponse(reply, FinishReason.TOOL_CALLS, "m", null, USAGE)))
        .isInstanceOfSatisfying(
            AnthropicApiException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void finishReasonsMapToStopReasons() {
    assertThat(MessageWriter.stopReason(FinishReason.LENGTH)).isEqualTo("max_tokens");
    assertThat(MessageWriter.stopReason(FinishReason.CONTENT_FILTER)).isEqualTo("refusal");
    assertThat(MessageWriter.stopReason(FinishReason.TOOL_CALLS)).isEqualTo("tool_use");
    assertThat(MessageWriter.stopReason(FinishReason.STOP)).isEqualTo("end_turn");
  }
}
