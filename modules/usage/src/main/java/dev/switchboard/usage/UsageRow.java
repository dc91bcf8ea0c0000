package dev.switchboard.usage;

import java.math.BigDecimal;

/**
 * One group of a usage summary.
 *
 * @param cost the summed cost of the calls whose price was known; {@code unpricedRequests} says how
 *     many had none (their cost is unknown, not 0)
 * @param medianLatencyMillis the median latency of the group's calls
 * @param estimatedRequests calls whose tokens were estimated, not reported by the provider
 * @param incompleteRequests calls (broken streams) whose tokens are a lower bound
 */
public record UsageRow(
    String key,
    long requests,
    long inputTokens,
    long outputTokens,
    long totalTokens,
    BigDecimal cost,
    long unpricedRequests,
    double medianLatencyMillis,
    long estimatedRequests,
    long incompleteRequests,
    long failedRequests) {}
