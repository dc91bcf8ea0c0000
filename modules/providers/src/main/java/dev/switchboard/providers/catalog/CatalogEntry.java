package dev.switchboard.providers.catalog;

import dev.switchboard.core.model.ModelInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * One model of one provider in the catalog.
 *
 * @param providerId the provider, e.g. {@code openai}
 * @param model its limits and capabilities
 * @param price its list price, or {@code null} when unknown
 */
public record CatalogEntry(String providerId, ModelInfo model, ModelPrice price) {
  public CatalogEntry {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
  }

  /** The price, empty when unknown (never a zero standing in for unknown). */
  public Optional<ModelPrice> pricing() {
    return Optional.ofNullable(price);
  }
}
