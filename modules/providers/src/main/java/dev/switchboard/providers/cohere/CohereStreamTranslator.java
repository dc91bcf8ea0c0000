package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.FinishReason;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.List;

/**
 * Reads Cohere v2's typed events. {@code message-end} is the terminal event and the only one with
 * usage; with finish reason {@code ERROR} it reports a failure after the 200, usage included.
 */
final class CohereStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;

  CohereStreamTranslator(String providerId, List<String> secrets) {
    this.providerId = providerId;
    this.secrets = secrets;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    if (frame.data().strip().equals("[DONE]")) {
      return;
    }
    JsonNode event = Json.parse(frame.data());
    JsonNode message = event.path("delta").path("message");
    switch (event.path("type").asText(frame.event())) {
      case "content-delta" -> session.text(Json.str(message.path("content"), "text"));
      case "tool-call-start" -> {
        JsonNode call = message.path("tool_calls");
        JsonNode fn = call.path("function");
        session.toolCall(
            event.path("index").asInt(0),
            Json.str(call, "id"),
            Json.str(fn, "name"),
            Json.str(fn, "arguments"));
      }
      case "tool-call-delta" ->
          session.toolCall(
              event.path("index").asInt(0),
              null,
              null,
              Json.str(message.path("tool_calls").path("function"), "arguments"));
      case "message-end" -> end(event.path("delta"), session);
      default -> {
        // message-start, content-start/end, tool-plan-delta, citations: nothing to deliver
      }
    }
  }

  private void end(JsonNode delta, StreamSession session) {
    CohereWire.usage(delta.path("usage"), session.usage());
    FinishReason reason = CohereWire.finishReason(Json.str(delta, "finish_reason"));
    if (reason == FinishReason.ERROR) {
      String error = Json.str(delta, "error");
      session.fail(
          ErrorClassifier.midStream(providerId, new ErrorClassifier.Detail(error, null), secrets));
      return;
    }
    session.finish(reason);
    session.terminal();
  }
}
