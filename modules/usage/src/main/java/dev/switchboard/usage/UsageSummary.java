package dev.switchboard.usage;

import java.time.Instant;
import java.util.List;

/**
 * A usage summary: its rows and warnings, e.g. integrations whose consumption is estimated, so not
 * tracked exactly.
 */
public record UsageSummary(
    Instant from, Instant to, String groupBy, List<UsageRow> rows, List<String> warnings) {}
