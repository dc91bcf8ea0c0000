package dev.switchboard.providers.wire;

import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;

/**
 * Usage as a stream reports it. Providers report in two ways and mixing them up double-bills:
 * cumulative reports (Anthropic {@code message_delta}, Gemini {@code usageMetadata}) restate the
 * running total, so the last one wins ({@code set*}); incremental ones add to it ({@code add*}).
 * Fields never reported stay unknown, so a partial report does not erase an earlier one.
 */
public final class UsageTally {

  private long input = -1;
  private long output = -1;
  private long cached = -1;
  private long reasoning = -1;
  private long total = -1;

  /** Cumulative input tokens; a negative value (absent in the report) changes nothing. */
  public UsageTally setInput(long tokens) {
    input = tokens >= 0 ? tokens : input;
    return this;
  }

  public UsageTally setOutput(long tokens) {
    output = tokens >= 0 ? tokens : output;
    return this;
  }

  public UsageTally setCached(long tokens) {
    cached = tokens >= 0 ? tokens : cached;
    return this;
  }

  public UsageTally setReasoning(long tokens) {
    reasoning = tokens >= 0 ? tokens : reasoning;
    return this;
  }

  public UsageTally setTotal(long tokens) {
    total = tokens >= 0 ? tokens : total;
    return this;
  }

  /** Adds output tokens reported as a delta. */
  public UsageTally addOutput(long tokens) {
    if (tokens > 0) {
      output = Math.max(output, 0) + tokens;
    }
    return this;
  }

  /** Whether the provider reported any number at all. */
  public boolean reported() {
    return input >= 0 || output >= 0 || total >= 0;
  }

  /**
   * The numbers as a {@link Usage}; unknown fields count as zero, a missing total is input plus
   * output (and then the source is at best {@code MAPPED}). Nothing reported gives {@link
   * Usage#NONE}, an estimate of nothing, for the caller to replace with a real estimate.
   */
  public Usage toUsage(UsageSource source) {
    if (!reported()) {
      return Usage.NONE;
    }
    long in = Math.max(input, 0);
    long out = Math.max(output, 0);
    long sum = total >= 0 ? total : in + out;
    UsageSource s = source == UsageSource.REPORTED && total < 0 ? UsageSource.MAPPED : source;
    return new Usage(in, out, Math.max(cached, 0), Math.max(reasoning, 0), sum, s);
  }
}
