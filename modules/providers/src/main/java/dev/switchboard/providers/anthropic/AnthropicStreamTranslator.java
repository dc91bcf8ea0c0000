package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Anthropic's named events. Usage comes in {@code message_start} and again, cumulative, in
 * {@code message_delta}: each report replaces the last. Content-block indexes count text blocks
 * too, so tool-call indexes are renumbered to count tool calls only.
 */
final class AnthropicStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

  AnthropicStreamTranslator(String providerId, List<String> secrets) {
    this.providerId = providerId;
    this.secrets = secrets;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    JsonNode data = Json.parse(frame.data());
    String type = frame.event().equals("message") ? data.path("type").asText() : frame.event();
    switch (type) {
      case "message_start" ->
          AnthropicResponses.usage(data.path("message").path("usage"), session.usage());
      case "content_block_start" -> blockStart(data, session);
      case "content_block_delta" -> blockDelta(data, session);
      case "message_delta" -> {
        String stop = Json.str(data.path("delta"), "stop_reason");
        if (stop != null) {
          session.finish(AnthropicResponses.stopReason(stop));
        }
        AnthropicResponses.usage(data.path("usage"), session.usage());
      }
      case "message_stop" -> session.terminal();
      case "error" -> {
        ErrorClassifier.Detail detail = AnthropicResponses.errorDetail(data);
        session.fail(
            ErrorClassifier.midStream(
                providerId,
                detail == null ? new ErrorClassifier.Detail(null, null) : detail,
                secrets));
      }
      default -> {
        // ping, content_block_stop and future events carry nothing we need
      }
    }
  }

  private void blockStart(JsonNode data, StreamSession session) {
    JsonNode block = data.path("content_block");
    if (block.path("type").asText().equals("tool_use")) {
      int toolIndex = toolIndexByBlock.size();
      toolIndexByBlock.put(data.path("index").asInt(), toolIndex);
      session.toolCall(toolIndex, Json.str(block, "id"), Json.str(block, "name"), "");
    } else if (block.path("type").asText().equals("text")) {
      session.text(Json.str(block, "text"));
    }
  }

  private void blockDelta(JsonNode data, StreamSession session) {
    JsonNode delta = data.path("delta");
    switch (delta.path("type").asText()) {
      case "text_delta" -> session.text(Json.str(delta, "text"));
      case "input_json_delta" -> {
        Integer toolIndex = toolIndexByBlock.get(data.path("index").asInt());
        session.toolCall(
            toolIndex == null ? 0 : toolIndex, null, null, Json.str(delta, "partial_json"));
      }
      default -> {
        // thinking and signature deltas are not reply text
      }
    }
  }
}
