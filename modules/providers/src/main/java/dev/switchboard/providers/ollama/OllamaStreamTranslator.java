package dev.switchboard.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ToolCall;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.List;

/**
 * Reads Ollama's NDJSON stream: each line a partial message; {@code {"error": ...}} a failure after
 * the 200; the line with {@code done: true} terminal, carrying the token counts.
 */
final class OllamaStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;
  private int toolCalls;

  OllamaStreamTranslator(String providerId, List<String> secrets) {
    this.providerId = providerId;
    this.secrets = secrets;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    JsonNode line = Json.parse(frame.data());
    if (line.has("error")) {
      session.fail(ErrorClassifier.midStream(providerId, OllamaWire.errorDetail(line), secrets));
      return;
    }
    JsonNode message = line.path("message");
    session.text(Json.str(message, "content"));
    for (ToolCall call : OllamaWire.toolCalls(message, toolCalls)) {
      session.toolCall(toolCalls++, call.id(), call.name(), call.argumentsJson());
    }
    if (line.path("done").asBoolean(false)) {
      OllamaWire.usage(line, session.usage());
      session.finish(OllamaWire.finishReason(Json.str(line, "done_reason"), toolCalls > 0));
      session.terminal();
    }
  }
}
