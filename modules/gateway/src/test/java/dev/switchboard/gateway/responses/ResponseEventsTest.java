package dev.switchboard.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.core.chat.StreamEvent;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseEventsTest {

  private static final String ID = "resp_0123456789abcdef";
  private final List<ObjectNode> stored = new ArrayList<>();
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

  private ResponseEvents events(String json) {
    ResponsesRequest request = ResponsesParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return new ResponseEvents(new ResponseObject(ID, 1700000000L, request), stored::add);
  }

  private void write(byte[] bytes) {
    if (bytes != null) {
      wire.writeBytes(bytes);
    }
  }

  /** The SSE frames written: each {@code event:} name must match its data's {@code type}. */
  private List<JsonNode> frames() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String frame : wire.toString(StandardCharsets.UTF_8).split("\n\n")) {
      String[] lines = frame.split("\n");
      assertThat(lines).hasSize(2);
      JsonNode data = ResponseObject.JSON.readTree(lines[1].substring("data: ".length()));
      assertThat(lines[0]).isEqualTo("event: " + data.get("type").asText());
      out.add(data);
    }
    return out;
  }

  @Test
  void aTextStreamIsTheFullEventSequenceNumberedInOrder() throws Exception {
    ResponseEvents e = events("{\"model\":\"m\",\"input\":\"hi\"}");
    write(e.opening());
    write(e.event(new StreamEvent.TextDelta("Hel")));
    write(e.event(new StreamEvent.TextDelta("lo")));
    write(e.event(new StreamEvent.Finish(FinishReason.STOP)));
    write(e.completed(new Usage(10, 2, 4, 1, 12, UsageSource.REPORTED)));
    assertThat(stored).as("nothing stored before the response thread closes").isEmpty();
    write(e.closing());

    List<JsonNode> frames = frames();
    assertThat(frames)
        .extracting(f -> f.get("type").asText())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertThat(frames)
        .extracting(f -> f.get("sequence_number").asInt())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(frames.get(0).at("/response/status").asText()).isEqualTo("in_progress");
    assertThat(frames.get(4).get("item_id").asText()).isEqualTo("msg_0123456789abcdef");
    assertThat(frames.get(6).get("text").asText()).isEqualTo("Hello");
    JsonNode done = frames.get(9).get("response");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.at("/output/0/content/0/text").asText()).isEqualTo("Hello");
    assertThat(done.at("/usage/input_tokens").asLong()).isEqualTo(10);
    assertThat(done.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(4);
    assertThat(done.at("/usage/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(1);
    assertThat(done.at("/usage/total_tokens").asLong()).isEqualTo(12);
    assertThat(stored).singleElement().hasToString(done.toString());
  }

  @Test
  void aStreamedToolCallIsAFunctionCallItemWithItsArguments() throws Exception {
    ResponseEvents e = events("{\"model\":\"m\",\"input\":\"weather?\"}");
    write(e.opening());
    write(e.event(new StreamEvent.ToolCallDelta(0, "call_9", "get_weather", "")));
    write(e.event(new StreamEvent.ToolCallDelta(0, null, null, "{\"location\":")));
    write(e.event(new StreamEvent.ToolCallDelta(0, null, null, "\"Paris\"}")));
    write(e.event(new StreamEvent.Finish(FinishReason.TOOL_CALLS)));
    write(e.completed(Usage.of(5, 3, UsageSource.REPORTED)));
    write(e.closing());

    List<JsonNode> frames = frames();
    assertThat(frames)
        .extracting(f -> f.get("type").asText())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    assertThat(frames.get(2).at("/item/type").asText()).isEqualTo("function_call");
    assertThat(frames.get(2).at("/item/call_id").asText()).isEqualTo("call_9");
    assertThat(frames.get(5).get("arguments").asText()).isEqualTo("{\"location\":\"Paris\"}");
    JsonNode output = frames.get(7).at("/response/output");
    assertThat(output).hasSize(1);
    assertThat(output.get(0).get("name").asText()).isEqualTo("get_weather");
    assertThat(output.get(0).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void aReplyCutByTheTokenLimitIsIncomplete() throws Exception {
    ResponseEvents e = events("{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":1}");
    write(e.opening());
    write(e.event(new StreamEvent.TextDelta("Hel")));
    write(e.event(new StreamEvent.Finish(FinishReason.LENGTH)));
    write(e.completed(Usage.of(5, 1, UsageSource.REPORTED)));
    write(e.closing());

    JsonNode last = frames().get(frames().size() - 1);
    assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
    assertThat(last.at("/response/incomplete_details/reason").asText())
        .isEqualTo("max_output_tokens");
    assertThat(last.at("/response/max_output_tokens").asInt()).isEqualTo(1);
  }

  @Test
  void aFailureMidStreamIsAnErrorThenResponseFailedAndNothingIsStored() throws Exception {
    ResponseEvents e = events("{\"model\":\"m\",\"input\":\"hi\"}");
    write(e.opening());
    write(e.event(new StreamEvent.TextDelta("Hel")));
    write(e.failed("upstream went away", "service_unavailable", "upstream_unavailable"));
    write(e.closing());

    List<JsonNode> frames = frames();
    assertThat(frames.subList(frames.size() - 2, frames.size()))
        .extracting(f -> f.get("type").asText())
        .containsExactly("error", "response.failed");
    JsonNode error = frames.get(frames.size() - 2);
    assertThat(error.get("code").asText()).isEqualTo("upstream_unavailable");
    assertThat(error.get("message").asText()).isEqualTo("upstream went away");
    JsonNode failed = frames.get(frames.size() - 1).get("response");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/error/code").asText()).isEqualTo("upstream_unavailable");
    assertThat(stored).isEmpty();
  }
}
