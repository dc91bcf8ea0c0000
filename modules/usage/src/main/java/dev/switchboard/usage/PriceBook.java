package dev.switchboard.usage;

import dev.switchboard.core.usage.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
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

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Clock clock;
  private final Duration maxAge;
  private volatile Map<String, List<ModelPrice>> byModel;
  private volatile Instant loadedAt = Instant.EPOCH;

  public PriceBook(Clock clock, Duration maxAge) {
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The price in force for a model at a moment, if any. */
  ModelPrice priceAt(Connection c, String provider, String model, Instant at) throws SQLException {
    if (provider == null || model == null) {
      return null;
    }
    Map<String, List<ModelPrice>> prices = byModel;
    if (prices == null || loadedAt.plus(maxAge).isBefore(clock.instant())) {
      prices = load(c);
    }
    List<ModelPrice> list = prices.get(provider + "/" + model);
    if (list == null) {
      return null;
    }
    ModelPrice found = null;
    for (ModelPrice p : list) {
      if (!p.effectiveFrom().isAfter(at)) {
        found = p;
      }
    }
    return found;
  }

  /** The cost of one call, or null when the model has no price in force then. */
  static BigDecimal cost(ModelPrice p, Usage u) {
    if (p == null) {
      return null;
    }
    long cached = Math.min(u.cachedInputTokens(), u.inputTokens());
    BigDecimal cachedPrice =
        p.cachedInputPerMTok() == null ? p.inputPerMTok() : p.cachedInputPerMTok();
    BigDecimal total =
        p.inputPerMTok()
            .multiply(BigDecimal.valueOf(u.inputTokens() - cached))
            .add(cachedPrice.multiply(BigDecimal.valueOf(cached)))
            .add(p.outputPerMTok().multiply(BigDecimal.valueOf(u.outputTokens())));
    return total
        .divide(MILLION, MathContext.DECIMAL64)
        .setScale(10, java.math.RoundingMode.HALF_UP);
  }

  /** Forgets the cache, so the next cost reads the table (after a price was added here). */
  public void invalidate() {
    byModel = null;
  }

  private Map<String, List<ModelPrice>> load(Connection c) throws SQLException {
    Map<String, List<ModelPrice>> map = new HashMap<>();
    for (ModelPrice p : list(c)) {
      map.computeIfAbsent(p.provider() + "/" + p.model(), k -> new ArrayList<>()).add(p);
    }
    map.values().forEach(l -> l.sort(Comparator.comparing(ModelPrice::effectiveFrom)));
    byModel = map;
    loadedAt = clock.instant();
    return map;
  }

  /** Every price, by model then date. */
  public static List<ModelPrice> list(Connection c) throws SQLException {
    List<ModelPrice> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, provider, model, effective_from, input_per_mtok, output_per_mtok,"
                    + " cached_input_per_mtok, currency, created_by, created_at FROM sb_model_price"
                    + " ORDER BY provider, model, effective_from");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new ModelPrice(
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
  public static ModelPrice add(Connection c, ModelPrice draft) throws SQLException {
    ModelPrice p =
        new ModelPrice(
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
