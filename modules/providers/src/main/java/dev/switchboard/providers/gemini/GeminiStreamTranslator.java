package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.List;

/**
 * Reads {@code streamGenerateContent?alt=sse}: each event a whole response chunk, no terminator
 * (the chunk with a {@code finishReason} is the last), {@code usageMetadata} cumulative on every
 * chunk so the last one wins.
 */
final class GeminiStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;
  private int toolCalls;

  GeminiStreamTranslator(String providerId, List<String> secrets) {
    this.providerId = providerId;
    this.secrets = secrets;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    JsonNode chunk = Json.parse(frame.data());
    if (chunk.has("error")) {
      ErrorClassifier.Detail detail = GeminiResponses.errorDetail(chunk);
      session.fail(
          ErrorClassifier.midStream(
              providerId,
              detail == null ? new ErrorClassifier.Detail(null, null) : detail,
              secrets));
      return;
    }
    if (chunk.has("usageMetadata")) {
      GeminiResponses.usage(chunk.get("usageMetadata"), session.usage());
    }
    JsonNode candidate = chunk.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        var call = GeminiResponses.toolCall(part.get("functionCall"), toolCalls);
        session.toolCall(toolCalls++, call.id(), call.name(), call.argumentsJson());
      } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
        session.text(part.path("text").asText());
      }
    }
    String finish = Json.str(candidate, "finishReason");
    if (finish != null) {
      session.finish(GeminiResponses.finishReason(finish, toolCalls > 0));
      session.terminal();
    } else if (chunk.path("promptFeedback").has("blockReason")) {
      session.finish(GeminiResponses.finishReason("SAFETY", false));
      session.terminal();
    }
  }
}
