package dev.switchboard.providers.byo;

import java.util.Objects;

/**
 * Where a custom endpoint's JSON reply keeps what Switchboard needs.
 *
 * @param text the reply text, e.g. {@code $.output.text}
 * @param finishReason why generation stopped, or {@code null} (then {@code stop})
 * @param inputTokens the prompt token count, or {@code null}
 * @param outputTokens the generated token count, or {@code null}; without token paths usage is
 *     estimated, and the ledger marks it so
 */
public record ResponseMapping(
    JsonPath text, JsonPath finishReason, JsonPath inputTokens, JsonPath outputTokens) {

  public ResponseMapping {
    Objects.requireNonNull(text, "text path");
  }

  /** Whether the endpoint reports token counts, so usage is mapped rather than estimated. */
  public boolean tracksUsage() {
    return inputTokens != null || outputTokens != null;
  }
}
