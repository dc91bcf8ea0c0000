package dev.switchboard.console.usage;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.usage.PriceEntry;
import dev.switchboard.usage.UsageAdmin;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Model prices per million tokens, as {@code /api/v1/prices} offers them: every caller sees them
 * (they explain the usage page's cost column), admins add one, in force from a day (UTC) on until a
 * later price of the same model.
 */
@Named
@ViewScoped
public class PricesView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UsageAdmin usage;
  @Inject ConsoleCaller callers;

  private List<PriceEntry> prices;
  private String provider;
  private String model;
  private BigDecimal inputPerMTok;
  private BigDecimal outputPerMTok;
  private BigDecimal cachedInputPerMTok;
  private String currency = "USD";
  private LocalDate effectiveFrom;

  @PostConstruct
  void load() {
    // the latest first: the price an admin just set, and a model's current one above its older ones
    prices =
        usage.prices().stream()
            .sorted(java.util.Comparator.comparing(PriceEntry::createdAt).reversed())
            .toList();
  }

  public void add() {
    try {
      PriceEntry saved =
          usage.addPrice(
              callers.caller(),
              new PriceEntry(
                  null,
                  provider,
                  model,
                  effectiveFrom == null
                      ? null
                      : effectiveFrom.atStartOfDay(ZoneOffset.UTC).toInstant(),
                  inputPerMTok,
                  outputPerMTok,
                  cachedInputPerMTok,
                  currency,
                  null,
                  null));
      Messages.info("Price of " + saved.provider() + "/" + saved.model() + " added");
      model = null;
      inputPerMTok = null;
      outputPerMTok = null;
      cachedInputPerMTok = null;
      effectiveFrom = null;
      load();
    } catch (InvalidRequestException e) {
      Messages.invalid("prices", e);
    }
  }

  public List<PriceEntry> getPrices() {
    return prices;
  }

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public BigDecimal getInputPerMTok() {
    return inputPerMTok;
  }

  public void setInputPerMTok(BigDecimal inputPerMTok) {
    this.inputPerMTok = inputPerMTok;
  }

  public BigDecimal getOutputPerMTok() {
    return outputPerMTok;
  }

  public void setOutputPerMTok(BigDecimal outputPerMTok) {
    this.outputPerMTok = outputPerMTok;
  }

  public BigDecimal getCachedInputPerMTok() {
    return cachedInputPerMTok;
  }

  public void setCachedInputPerMTok(BigDecimal cachedInputPerMTok) {
    this.cachedInputPerMTok = cachedInputPerMTok;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public LocalDate getEffectiveFrom() {
    return effectiveFrom;
  }

  public void setEffectiveFrom(LocalDate effectiveFrom) {
    this.effectiveFrom = effectiveFrom;
  }
}
