package dev.switchboard.providers.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Well-known models per provider. The built-in data is {@value #RESOURCE}, read once; an override
 * source (a {@code file:} or {@code jar:} URL, configured later through MicroProfile Config) adds
 * models and replaces entries with the same provider and model id. Immutable and thread-safe.
 */
public final class ModelCatalog {

  public static final String RESOURCE = "/META-INF/switchboard/model-catalog.json";
  private static final Set<String> OVERRIDE_SCHEMES = Set.of("file", "jar");

  private final Map<String, CatalogEntry> entries;

  private ModelCatalog(Map<String, CatalogEntry> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The built-in catalog, loaded on first use. */
  public static ModelCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /**
   * The built-in catalog with an override applied, when one is given.
   *
   * @throws IllegalArgumentException for an override that is not a file or jar URL, or is malformed
   */
  public static ModelCatalog load(Optional<URL> override) {
    if (override.isEmpty()) {
      return builtIn();
    }
    URL url = override.get();
    if (!OVERRIDE_SCHEMES.contains(url.getProtocol().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("a catalog override must be a file or jar URL");
    }
    Map<String, CatalogEntry> merged = new LinkedHashMap<>(builtIn().entries);
    try (InputStream in = url.openStream()) {
      read(in, merged);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the catalog override", e);
    }
    return new ModelCatalog(merged);
  }

  public Optional<CatalogEntry> find(String providerId, String modelId) {
    return Optional.ofNullable(entries.get(key(providerId, modelId)));
  }

  /** The model's list price; empty when the catalog does not know the model or its price. */
  public Optional<ModelPrice> price(String providerId, String modelId) {
    return find(providerId, modelId).flatMap(CatalogEntry::pricing);
  }

  /** The cost of a call; empty when the price is unknown. */
  public Optional<BigDecimal> cost(String providerId, String modelId, Usage usage) {
    return price(providerId, modelId).map(p -> p.cost(usage));
  }

  /** The known models of a provider, in catalog order. */
  public List<CatalogEntry> models(String providerId) {
    return entries.values().stream().filter(e -> e.providerId().equals(providerId)).toList();
  }

  private static String key(String providerId, String modelId) {
    return providerId + "\u0000" + modelId;
  }

  private static Map<String, CatalogEntry> readBuiltIn() {
    Map<String, CatalogEntry> map = new LinkedHashMap<>();
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      read(in, map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return map;
  }

  private static void read(InputStream in, Map<String, CatalogEntry> into) throws IOException {
    JsonNode root;
    try {
      root = Json.parse(in.readAllBytes());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the catalog is not valid JSON", e);
    }
    for (Map.Entry<String, JsonNode> provider : root.path("providers").properties()) {
      for (JsonNode m : provider.getValue()) {
        CatalogEntry entry = entry(provider.getKey(), m);
        into.put(key(entry.providerId(), entry.model().id()), entry);
      }
    }
  }

  private static CatalogEntry entry(String providerId, JsonNode m) {
    String id = Json.str(m, "id");
    if (id == null) {
      throw new IllegalArgumentException("a catalog model of " + providerId + " has no id");
    }
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    for (JsonNode c : m.path("capabilities")) {
      caps.add(Capability.valueOf(c.asText().toUpperCase(Locale.ROOT)));
    }
    ModelInfo model =
        new ModelInfo(
            id,
            Json.str(m, "displayName"),
            m.path("contextWindow").isInt() ? m.get("contextWindow").asInt() : null,
            m.path("maxOutputTokens").isInt() ? m.get("maxOutputTokens").asInt() : null,
            caps);
    return new CatalogEntry(providerId, model, price(m.path("price")));
  }

  private static ModelPrice price(JsonNode p) {
    if (!p.isObject()) {
      return null;
    }
    String cached = Json.str(p, "cachedInputPerMillion");
    return new ModelPrice(
        new BigDecimal(p.path("inputPerMillion").asText()),
        new BigDecimal(p.path("outputPerMillion").asText()),
        cached == null ? null : new BigDecimal(cached),
        p.path("currency").asText("USD"),
        LocalDate.parse(p.path("effectiveDate").asText()));
  }

  /** Holds the built-in catalog: loaded once, on first use, thread-safely. */
  private static final class BuiltIn {
    static final ModelCatalog CATALOG = new ModelCatalog(readBuiltIn());
  }

  /** All entries, for listings. */
  public List<CatalogEntry> entries() {
    return List.copyOf(entries.values());
  }
}
