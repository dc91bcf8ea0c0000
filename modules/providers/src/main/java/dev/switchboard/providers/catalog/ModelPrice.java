package dev.switchboard.providers.catalog;

import dev.switchboard.core.usage.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A model's list price.
 *
 * @param inputPerMillion per million uncached input tokens
 * @param outputPerMillion per million output tokens (reasoning included)
 * @param cachedInputPerMillion per million cached input tokens; the input price when the provider
 *     has no cache discount
 * @param currency an ISO 4217 code
 * @param effectiveDate the date from which this price applies
 */
public record ModelPrice(
    BigDecimal inputPerMillion,
    BigDecimal outputPerMillion,
    BigDecimal cachedInputPerMillion,
    String currency,
    LocalDate effectiveDate) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public ModelPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion");
    cachedInputPerMillion = cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(effectiveDate, "effectiveDate");
    if (inputPerMillion.signum() < 0
        || outputPerMillion.signum() < 0
        || cachedInputPerMillion.signum() < 0) {
      throw new IllegalArgumentException("prices cannot be negative");
    }
  }

  /** The cost of a call's usage, cached input at its own rate, to 10 decimal places. */
  public BigDecimal cost(Usage usage) {
    long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
    BigDecimal total =
        inputPerMillion
            .multiply(BigDecimal.valueOf(usage.inputTokens() - cached))
            .add(cachedInputPerMillion.multiply(BigDecimal.valueOf(cached)))
            .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())));
    return total.divide(MILLION, 10, RoundingMode.HALF_UP);
  }
}
