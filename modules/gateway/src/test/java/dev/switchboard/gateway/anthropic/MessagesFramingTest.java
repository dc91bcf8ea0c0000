package dev.switchboard.gateway.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.gateway.openai.StreamFraming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesFramingTest {

  private final MessagesFraming framing = new MessagesFraming("msg_r1", "anthropic/claude");
  private final StringBuilder wire = new StringBuilder();

  private void feed(StreamEvent... events) {
    for (StreamEvent e : events) {
      byte[] b = framing.event(e);
      if (b != null) {
        wire.append(new String(b, StandardCharsets.UTF_8));
      }
    }
  }

  private record Sse(String event, JsonNode data) {}

  private List<Sse> events() throws Exception {
    List<Sse> out = new ArrayList<>();
    for (String frame : wire.toString().split("\n\n")) {
      String[] lines = frame.split("\n");
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      JsonNode data = MessageWriter.JSON.readTree(lines[1].substring(6));
      String name = lines[0].substring(7);
      assertThat(data.get("type").asText())
          .as("the data's type is the event's name")
          .isEqualTo(name);
      out.add(new Sse(name, data));
    }
    return out;
  }

  @Test
  void aTextStreamIsAnthropicsEventSequenceWithTheFinalUsage() throws Exception {
    feed(
        new StreamEvent.TextDelta("Hel"),
        new StreamEvent.TextDelta("lo"),
        new StreamEvent.Finish(FinishReason.STOP));
    wire.append(
        new String(
            framing.completed(new Usage(12, 2, 4, 0, 14, UsageSource.REPORTED)),
            StandardCharsets.UTF_8));

    List<Sse> events = events();
    assertThat(events)
        .extracting(Sse::event)
        .containsExactly(
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(events.get(0).data().at("/message/id").asText()).isEqualTo("msg_r1");
    assertThat(events.get(0).data().at("/message/content").isEmpty()).isTrue();
    assertThat(events.get(2).data().at("/content_block/type").asText()).isEqualTo("text");
    assertThat(events.get(3).data().at("/delta/text").asText()).isEqualTo("Hel");
    JsonNode delta = events.get(6).data();
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(8);
    assertThat(delta.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(4);
    assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(2);
  }

  @Test
  void textThenTwoToolCallsAreThreeBlocksWithIndexesInOrder() throws Exception {
    feed(
        new StreamEvent.UsageReport(Usage.of(20, 0, UsageSource.REPORTED)),
        new StreamEvent.TextDelta("Let me look."),
        new StreamEvent.ToolCallDelta(0, "call_a", "get_weather", ""),
        new StreamEvent.ToolCallDelta(0, null, null, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, null, null, "\"Paris\"}"),
        new StreamEvent.ToolCallDelta(1, "call_b", "get_time", "{}"),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS));
    wire.append(
        new String(
            framing.completed(Usage.of(20, 9, UsageSource.REPORTED)), StandardCharsets.UTF_8));

    List<Sse> events = events();
    assertThat(events.get(0).data().at("/message/usage/input_tokens").asLong())
        .as("usage known before the first token goes in message_start")
        .isEqualTo(20);
    List<Sse> starts =
        events.stream().filter(e -> e.event().equals("content_block_start")).toList();
    assertThat(starts).extracting(e -> e.data().get("index").asInt()).containsExactly(0, 1, 2);
    assertThat(starts.get(1).data().at("/content_block/id").asText()).isEqualTo("call_a");
    assertThat(starts.get(1).data().at("/content_block/name").asText()).isEqualTo("get_weather");
    assertThat(starts.get(2).data().at("/content_block/id").asText()).isEqualTo("call_b");
    String json =
        events.stream()
            .filter(
                e -> e.event().equals("content_block_delta") && e.data().get("index").asInt() == 1)
            .map(e -> e.data().at("/delta/partial_json").asText())
            .reduce("", String::concat);
    assertThat(json).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(events.stream().filter(e -> e.event().equals("content_block_stop"))).hasSize(3);
    assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText())
        .isEqualTo("tool_use");
  }

  @Test
  void aFailureAfterTheFirstTokenIsAnErrorEventInAnthropicsShape() throws Exception {
    feed(new StreamEvent.TextDelta("Hi"));
    wire.append(
        new String(
            framing.failed(
                ProviderException.builder(ErrorCategory.UNAVAILABLE, "upstream overloaded")
                    .build()),
            StandardCharsets.UTF_8));

    List<Sse> events = events();
    Sse last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("error");
    assertThat(last.data().at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(last.data().at("/error/message").asText()).isEqualTo("upstream overloaded");
    assertThat(events).extracting(Sse::event).doesNotContain("message_stop");
  }

  @Test
  void aToolCallThatResumesAfterItsBlockClosedEndsTheStreamInsteadOfCorruptingIt()
      throws Exception {
    feed(
        new StreamEvent.ToolCallDelta(0, "a", "f", "{"),
        new StreamEvent.ToolCallDelta(1, "b", "g", "{}"),
        new StreamEvent.ToolCallDelta(0, null, null, "}"),
        new StreamEvent.TextDelta("ignored"));
    byte[] end = framing.completed(Usage.NONE);

    List<Sse> events = events();
    assertThat(events.get(events.size() - 1).event()).isEqualTo("error");
    assertThat(end).isEmpty();
  }

  @Test
  void theRelaysOwnCutsAreErrorEvents() throws Exception {
    wire.append(
        new String(
            framing.cutOff("too slow", StreamFraming.Cut.BUFFER_FULL), StandardCharsets.UTF_8));
    wire.append(
        new String(framing.cutOff("late", StreamFraming.Cut.DEADLINE), StandardCharsets.UTF_8));

    assertThat(events())
        .extracting(e -> e.data().at("/error/type").asText())
        .containsExactly("api_error", "timeout_error");
  }

  @Test
  void aStreamWithoutContentStillStartsAndEnds() throws Exception {
    wire.append(
        new String(
            framing.completed(Usage.of(3, 0, UsageSource.REPORTED)), StandardCharsets.UTF_8));

    assertThat(events())
        .extracting(Sse::event)
        .containsExactly("message_start", "ping", "message_delta", "message_stop");
  }
}
