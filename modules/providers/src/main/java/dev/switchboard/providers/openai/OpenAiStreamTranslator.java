package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.List;

/**
 * Reads an OpenAI chat stream: {@code data: {chunk}} events, usage in one last chunk with empty
 * {@code choices} (when {@code include_usage} was asked and the stream was not cut), {@code [DONE]}
 * at the end, and {@code data: {"error":...}} for a failure after the 200.
 */
public final class OpenAiStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;

  public OpenAiStreamTranslator(String providerId, List<String> secrets) {
    this.providerId = providerId;
    this.secrets = secrets;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    if (frame.data().strip().equals("[DONE]")) {
      session.terminal();
      return;
    }
    JsonNode chunk = Json.parse(frame.data());
    if (chunk.has("error")) {
      ErrorClassifier.Detail detail = OpenAiResponses.errorDetail(chunk);
      session.fail(
          ErrorClassifier.midStream(
              providerId,
              detail == null ? new ErrorClassifier.Detail(null, null) : detail,
              secrets));
      return;
    }
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode delta = choice.path("delta");
      session.text(Json.str(delta, "content"));
      for (JsonNode call : delta.path("tool_calls")) {
        JsonNode fn = call.path("function");
        session.toolCall(
            call.path("index").asInt(0),
            Json.str(call, "id"),
            Json.str(fn, "name"),
            Json.str(fn, "arguments"));
      }
      String finish = Json.str(choice, "finish_reason");
      if (finish != null) {
        session.finish(OpenAiResponses.finishReason(finish));
      }
    }
    if (chunk.hasNonNull("usage")) {
      OpenAiResponses.usage(chunk.get("usage"), session.usage());
    }
  }
}
