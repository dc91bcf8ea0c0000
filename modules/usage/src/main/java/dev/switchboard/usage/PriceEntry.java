package dev.switchboard.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A model's price per million tokens, set by an admin, from {@code effectiveFrom} on until a later
 * price of the same model takes over. It overrides the model catalog's list price.
 *
 * @param cachedInputPerMTok the price of input read from a prompt cache; null bills it as input
 */
public record PriceEntry(
    String id,
    String provider,
    String model,
    Instant effectiveFrom,
    BigDecimal inputPerMTok,
    BigDecimal outputPerMTok,
    BigDecimal cachedInputPerMTok,
    String currency,
    String createdBy,
    Instant createdAt) {

  /** As the catalog's price type, whose cost arithmetic the ledger uses for every price. */
  dev.switchboard.providers.catalog.ModelPrice asCatalogPrice() {
    return new dev.switchboard.providers.catalog.ModelPrice(
        inputPerMTok,
        outputPerMTok,
        cachedInputPerMTok,
        currency,
        effectiveFrom.atZone(java.time.ZoneOffset.UTC).toLocalDate());
  }
}
