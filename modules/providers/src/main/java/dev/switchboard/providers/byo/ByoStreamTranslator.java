package dev.switchboard.providers.byo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Json;
import dev.switchboard.providers.wire.SseEvent;
import dev.switchboard.providers.wire.StreamSession;
import java.util.List;

/**
 * Reads a custom endpoint's stream by its mapping: each event's delta text, token counts wherever
 * the usage paths find them (the last value wins: final-usage events restate totals), and the end:
 * {@code [DONE]} or an event whose finish-reason path has a value. An event with an {@code error}
 * field and no delta is a failure after the 200.
 */
final class ByoStreamTranslator implements FrameTranslator {

  private final String providerId;
  private final List<String> secrets;
  private final StreamMapping mapping;
  private boolean finished;

  ByoStreamTranslator(String providerId, List<String> secrets, StreamMapping mapping) {
    this.providerId = providerId;
    this.secrets = secrets;
    this.mapping = mapping;
  }

  @Override
  public void onFrame(SseEvent frame, StreamSession session) {
    String data = frame.data().trim();
    if (data.equals("[DONE]")) {
      finish(session, null);
      return;
    }
    JsonNode event = Json.parse(data);
    String delta = mapping.delta().readText(event);
    if (delta == null && !event.path("error").isMissingNode() && !event.path("error").isNull()) {
      session.fail(ErrorClassifier.midStream(providerId, ByoAdapter.errorDetail(event), secrets));
      return;
    }
    session.text(delta);
    if (mapping.inputTokens() != null) {
      session.usage().setInput(mapping.inputTokens().readCount(event));
    }
    if (mapping.outputTokens() != null) {
      session.usage().setOutput(mapping.outputTokens().readCount(event));
    }
    String reason = mapping.finishReason() == null ? null : mapping.finishReason().readText(event);
    if (reason != null) {
      finish(session, reason);
    }
  }

  private void finish(StreamSession session, String reason) {
    if (!finished) {
      finished = true;
      session.finish(FinishReasons.of(reason));
    }
    session.terminal();
  }
}
