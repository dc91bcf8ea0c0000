package dev.switchboard.usage;

import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin API asks of usage: limits and their notifications, the notification log, prices,
 * summaries and entries. Every change is audited in the same transaction (JDBC connections taken
 * inside a JTA transaction join it). Users read only their own workspace's usage.
 */
@ApplicationScoped
public class UsageAdmin {

  /** A limit with its current state: tokens used in the cycle, and a warning when estimated. */
  public record LimitView(
      UsageLimit limit, long usedTokens, int usedPercent, List<String> warnings) {}

  @Inject UsageModule usage;
  @Inject Integrations integrations;
  @Inject AuditTrail audit;

  @Transactional
  public Optional<LimitView> limit(Caller caller, String integrationId) {
    integrations.get(caller, integrationId);
    return sql(
        c -> {
          Optional<UsageLimit> l = UsageLimits.find(c, integrationId);
          if (l.isEmpty()) {
            return Optional.empty();
          }
          long used = UsageLimits.used(c, integrationId, l.get().cycle());
          int pct = (int) Math.min(Integer.MAX_VALUE, used * 100 / l.get().maxTokens());
          return Optional.of(
              new LimitView(l.get(), used, pct, warnings(c, integrationId, l.get())));
        });
  }

  @Transactional
  public UsageLimit saveLimit(Caller caller, String integrationId, LimitDraft draft) {
    IntegrationView i = integrations.get(caller, integrationId);
    if (draft == null) {
      throw new InvalidRequestException(
          "maxTokens", "a JSON body describing the limit is required");
    }
    Instant now = Instant.now();
    UsageLimit saved =
        sql(
            c -> {
              LocalDate kept =
                  UsageLimits.find(c, integrationId).map(UsageLimit::startDate).orElse(null);
              LimitDraft valid = draft.validated(LocalDate.ofInstant(now, ZoneOffset.UTC), kept);
              return UsageLimits.save(c, integrationId, valid, caller.username(), now);
            });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("maxTokens", saved.maxTokens());
    details.put("cycleDays", saved.cycleDays());
    details.put("startDate", saved.startDate().toString());
    details.put("enforcing", saved.enforcing());
    details.put("notifications", saved.notifications());
    details.put("thresholds", saved.thresholds());
    details.put("recipients", saved.recipients().size());
    audit.record(
        caller.username(),
        "usage.limit.saved",
        "integration",
        integrationId,
        i.workspace(),
        details);
    usage.engine().forget(integrationId);
    return saved;
  }

  @Transactional
  public boolean deleteLimit(Caller caller, String integrationId) {
    IntegrationView i = integrations.get(caller, integrationId);
    boolean deleted = sql(c -> UsageLimits.delete(c, integrationId));
    if (deleted) {
      audit.record(
          caller.username(),
          "usage.limit.deleted",
          "integration",
          integrationId,
          i.workspace(),
          Map.of());
      usage.engine().forget(integrationId);
    }
    return deleted;
  }

  @Transactional
  public List<Notification> notifications(Caller caller, String integrationIdOrNull, int limit) {
    if (integrationIdOrNull != null) {
      integrations.get(caller, integrationIdOrNull);
    }
    return sql(c -> Notifications.log(c, integrationIdOrNull, limit));
  }

  @Transactional
  public List<PriceEntry> prices() {
    return sql(PriceBook::list);
  }

  @Transactional
  public PriceEntry addPrice(Caller caller, PriceEntry draft) {
    if (draft == null || blank(draft.provider()) || blank(draft.model())) {
      throw new InvalidRequestException("model", "provider and model are required");
    }
    nonNegative("inputPerMTok", draft.inputPerMTok());
    nonNegative("outputPerMTok", draft.outputPerMTok());
    if (draft.cachedInputPerMTok() != null) {
      nonNegative("cachedInputPerMTok", draft.cachedInputPerMTok());
    }
    String currency = draft.currency() == null ? "USD" : draft.currency().trim().toUpperCase();
    if (!currency.matches("[A-Z]{3}")) {
      throw new InvalidRequestException("currency", "currency is a 3-letter ISO code");
    }
    Instant now = Instant.now();
    PriceEntry p =
        new PriceEntry(
            null,
            draft.provider().trim(),
            draft.model().trim(),
            draft.effectiveFrom() == null ? now : draft.effectiveFrom(),
            draft.inputPerMTok(),
            draft.outputPerMTok(),
            draft.cachedInputPerMTok(),
            currency,
            caller.username(),
            now);
    PriceEntry saved;
    try {
      saved = sql(c -> PriceBook.add(c, p));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException s && Sql.duplicateKey(s)) {
        throw new InvalidRequestException(
            "effectiveFrom", "this model already has a price from that moment");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", saved.provider());
    details.put("model", saved.model());
    details.put("effectiveFrom", saved.effectiveFrom().toString());
    details.put("inputPerMTok", saved.inputPerMTok());
    details.put("outputPerMTok", saved.outputPerMTok());
    details.put("currency", saved.currency());
    audit.record(caller.username(), "usage.price.added", "model-price", saved.id(), null, details);
    usage.engine().prices().invalidate();
    return saved;
  }

  @Transactional
  public UsageSummary summary(Caller caller, UsageQuery q) {
    UsageQuery scoped =
        caller.admin()
            ? q
            : new UsageQuery(q.from(), q.to(), q.groupBy(), caller.workspace(), q.integrationId());
    return sql(c -> UsageAnalytics.summarize(c, usage.engine().kind(), scoped));
  }

  @Transactional
  public List<UsageEntry> entries(
      Caller caller,
      Instant from,
      Instant to,
      String workspace,
      String integrationId,
      String requestId,
      int limit) {
    if (caller.admin()) {
      return sql(c -> UsageEntry.list(c, from, to, workspace, integrationId, requestId, limit));
    }
    // a member sees the entries of the integrations they own (docs/usage.md): who called what on a
    // colleague's integration is the colleague's and the admins' to see; the workspace's totals
    // (summary) stay visible to every member, since limits and budgets are the workspace's
    java.util.Set<String> own =
        integrations.list(caller).stream()
            .map(dev.switchboard.integrations.IntegrationView::id)
            .collect(java.util.stream.Collectors.toSet());
    java.util.Collection<String> ids =
        integrationId == null
            ? own
            : own.contains(integrationId) ? List.of(integrationId) : List.of();
    return sql(c -> UsageEntry.listOf(c, from, to, caller.workspace(), ids, requestId, limit));
  }

  private static List<String> warnings(Connection c, String integrationId, UsageLimit l)
      throws SQLException {
    return UsageAnalytics.estimatedWarnings(
        c,
        " WHERE started_at >= ? AND started_at < ? AND integration_id = ?",
        List.of(Sql.ts(l.cycleStart()), Sql.ts(l.cycleEnd()), integrationId));
  }

  private <T> T sql(Sql.SqlWork<T> work) {
    try (Connection c = usage.engine().dataSource().getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Usage database access failed: " + e.getMessage(), e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void nonNegative(String field, BigDecimal v) {
    if (v == null || v.signum() < 0) {
      throw new InvalidRequestException(field, field + " is required and cannot be negative");
    }
  }
}
