package dev.switchboard.providers.byo;

import dev.switchboard.core.chat.FinishReason;
import java.util.Locale;

/** Reads the finish reasons self-hosted servers commonly use; anything unknown is OTHER. */
final class FinishReasons {

  private FinishReasons() {}

  static FinishReason of(String value) {
    if (value == null || value.isBlank()) {
      return FinishReason.STOP;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "stop",
          "end",
          "end_turn",
          "eos",
          "eos_token",
          "stop_sequence",
          "complete",
          "completed",
          "done",
          "finished",
          "true" ->
          FinishReason.STOP;
      case "length", "max_tokens", "max_length", "max_new_tokens", "token_limit" ->
          FinishReason.LENGTH;
      case "content_filter", "safety", "blocked" -> FinishReason.CONTENT_FILTER;
      case "tool_calls", "tool_use", "function_call" -> FinishReason.TOOL_CALLS;
      case "error" -> FinishReason.ERROR;
      default -> FinishReason.OTHER;
    };
  }
}
