package dev.switchboard.core.usage;

import java.util.Objects;

/**
 * Tokens used by one call.
 *
 * @param inputTokens prompt tokens, including cached ones (provider conventions differ; adapters
 *     normalize to this)
 * @param outputTokens generated tokens, including reasoning tokens
 * @param cachedInputTokens the part of {@code inputTokens} read from a prompt cache
 * @param reasoningTokens the part of {@code outputTokens} spent on hidden reasoning
 * @param totalTokens the total the provider reports, or input plus output
 * @param source where the numbers came from
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long reasoningTokens,
    long totalTokens,
    UsageSource source) {

  /** No tokens known, estimated as nothing. */
  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, UsageSource.ESTIMATED);

  public Usage {
    Objects.requireNonNull(source, "source");
    if (inputTokens < 0
        || outputTokens < 0
        || cachedInputTokens < 0
        || reasoningTokens < 0
        || totalTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  /** Input and output only, total computed. */
  public static Usage of(long inputTokens, long outputTokens, UsageSource source) {
    return new Usage(inputTokens, outputTokens, 0, 0, inputTokens + outputTokens, source);
  }

  /** The same numbers from another source, e.g. marked incomplete when a stream broke. */
  public Usage withSource(UsageSource other) {
    return new Usage(
        inputTokens, outputTokens, cachedInputTokens, reasoningTokens, totalTokens, other);
  }

  /** Whether the provider stated these numbers (reported or mapped from its report). */
  public boolean fromProvider() {
    return source == UsageSource.REPORTED || source == UsageSource.MAPPED;
  }
}
