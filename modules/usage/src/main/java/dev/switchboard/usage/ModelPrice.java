package dev.switchboard.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A model's price per million tokens from {@code effectiveFrom} on, until a later price of the same
 * model takes over.
 *
 * @param cachedInputPerMTok the price of input read from a prompt cache; null bills it as input
 */
public record ModelPrice(
    String id,
    String provider,
    String model,
    Instant effectiveFrom,
    BigDecimal inputPerMTok,
    BigDecimal outputPerMTok,
    BigDecimal cachedInputPerMTok,
    String currency,
    String createdBy,
    Instant createdAt) {}
