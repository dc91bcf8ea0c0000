package dev.switchboard.usage;

import dev.switchboard.core.usage.Usage;
import dev.switchboard.providers.catalog.ModelCatalog;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-model prices, read and written over JDBC. The ledger writer asks {@link #cost} when it writes
 * an entry, so a later price change never rewrites history; a model without a price in force costs
 * {@code null} (unknown), never 0. Prices are cached and re-read after {@code maxAge}.
 */
public final class PriceBook {

  private final Clock clock;
  private final Duration maxAge;
  private volatile Map<String, List<PriceEntry>> byModel;
  private volatile Instant loadedAt = Instant.EPOCH;

  private final ModelCatalog listPrices;

  /**
   * @param listPrices the model catalog, whose list prices apply where no admin price does
   */
  public PriceBook(Clock clock, Duration maxAge, ModelCatalog listPrices) {
    this.listPrices = listPrices;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The price in force for a model at a moment, if any. */
  PriceEntry priceAt(Connection c, String provider, String model, Instant at) throws SQLException {
    if (provider == null || model == null) {
      return null;
    }
    Map<String, List<PriceEntry>> prices = byModel;
    if (prices == null || loadedAt.plus(maxAge).isBefore(clock.instant())) {
      prices = load(c);
    }
    List<PriceEntry> list = prices.get(provider + "/" + model);
    if (list == null) {
      return null;
    }
    PriceEntry found = null;
    for (PriceEntry p : list) {
      if (!p.effectiveFrom().isAfter(at)) {
        found = p;
      }
    }
    return found;
  }

  /**
   * The price in force for a call: the admin's latest price from before the call, else the model
   * catalog's list price if it applies by then; null when neither (the cost is unknown, not 0).
   */
  dev.switchboard.providers.catalog.ModelPrice priceFor(
      Connection c, String provider, String model, Instant at) throws SQLException {
    PriceEntry own = priceAt(c, provider, model, at);
    if (own != null) {
      return own.asCatalogPrice();
    }
    if (provider == null || model == null) {
      return null;
    }
    return listPrices
        .price(provider, model)
        .filter(p -> !p.effectiveDate().isAfter(at.atZone(java.time.ZoneOffset.UTC).toLocalDate()))
        .orElse(null);
  }

  /** The cost of one call under a price, or null when the price is unknown. */
  static BigDecimal cost(dev.switchboard.providers.catalog.ModelPrice p, Usage u) {
    return p == null ? null : p.cost(u);
  }

  /** Forgets the cache, so the next cost reads the table (after a price was added here). */
  public void invalidate() {
    byModel = null;
  }

  private Map<String, List<PriceEntry>> load(Connection c) throws SQLException {
    Map<String, List<PriceEntry>> map = new HashMap<>();
    for (PriceEntry p : list(c)) {
      map.computeIfAbsent(p.provider() + "/" + p.model(), k -> new ArrayList<>()).add(p);
    }
    map.values().forEach(l -> l.sort(Comparator.comparing(PriceEntry::effectiveFrom)));
    byModel = map;
    loadedAt = clock.instant();
    return map;
  }

  /** Every price, by model then date. */
  public static List<PriceEntry> list(Connection c) throws SQLException {
    List<PriceEntry> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, provider, model, effective_from, input_per_mtok, output_per_mtok,"
                    + " cached_input_per_mtok, currency, created_by, created_at FROM sb_model_price"
                    + " ORDER BY provider, model, effective_from");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new PriceEntry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Sql.instant(rs.getTimestamp(4)),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getBigDecimal(7),
                rs.getString(8),
                rs.getString(9),
                Sql.instant(rs.getTimestamp(10))));
      }
    }
    return out;
  }

  /** Adds a price; a second price for the same model and moment is refused by the database. */
  public static PriceEntry add(Connection c, PriceEntry draft) throws SQLException {
    PriceEntry p =
        new PriceEntry(
            UUID.randomUUID().toString(),
            draft.provider(),
            draft.model(),
            draft.effectiveFrom(),
            draft.inputPerMTok(),
            draft.outputPerMTok(),
            draft.cachedInputPerMTok(),
            draft.currency(),
            draft.createdBy(),
            draft.createdAt());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sb_model_price (id, provider, model, effective_from, input_per_mtok,"
                + " output_per_mtok, cached_input_per_mtok, currency, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.id());
      ps.setString(2, p.provider());
      ps.setString(3, p.model());
      ps.setTimestamp(4, Sql.ts(p.effectiveFrom()));
      ps.setBigDecimal(5, p.inputPerMTok());
      ps.setBigDecimal(6, p.outputPerMTok());
      ps.setBigDecimal(7, p.cachedInputPerMTok());
      ps.setString(8, p.currency());
      ps.setString(9, p.createdBy());
      ps.setTimestamp(10, Sql.ts(p.createdAt()));
      ps.executeUpdate();
    }
    return p;
  }
}
