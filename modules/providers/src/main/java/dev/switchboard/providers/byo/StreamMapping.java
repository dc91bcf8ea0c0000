package dev.switchboard.providers.byo;

import java.util.Objects;

/**
 * How a custom endpoint streams, when it does.
 *
 * @param format Server-Sent Events ({@code data:} lines; {@code data: [DONE]} ends the stream) or
 *     NDJSON (one JSON object a line)
 * @param delta the text of each event, e.g. {@code $.delta.text}
 * @param finishReason the finish reason in the last event; an event where it has a value ends the
 *     stream (as {@code [DONE]} does), or {@code null}
 * @param inputTokens the prompt token count in the final event(s), or {@code null}
 * @param outputTokens the generated token count in the final event(s), or {@code null}
 */
public record StreamMapping(
    Format format,
    JsonPath delta,
    JsonPath finishReason,
    JsonPath inputTokens,
    JsonPath outputTokens) {

  /** The stream framings a custom endpoint may use. */
  public enum Format {
    SSE,
    NDJSON
  }

  public StreamMapping {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(delta, "delta path");
  }
}
