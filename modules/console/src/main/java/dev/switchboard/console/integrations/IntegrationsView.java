package dev.switchboard.console.integrations;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.console.support.StatusColors;
import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.ConnectionTests;
import dev.switchboard.integrations.IntegrationNotFoundException;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageRow;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * The integrations list: status, last test, and the actions the admin API offers on one (edit in
 * the wizard, test, test history, reset, delete).
 */
@Named
@ViewScoped
public class IntegrationsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Integrations integrations;
  @Inject ConnectionTests tests;
  @Inject ConsoleCaller callers;
  @Inject StatusColors colors;
  @Inject UsageAdmin usage;

  private List<IntegrationView> rows;
  private Map<String, String> providerNames;
  private Map<String, UsageRow> recentUsage = Map.of();
  private IntegrationView selected;
  private List<ConnectionTestView> history = List.of();

  @PostConstruct
  void init() {
    load();
  }

  /** After the wizard: says which integration was saved and how its last test went. */
  public void announceSaved() {
    String saved =
        jakarta.faces.context.FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("saved");
    if (saved != null) {
      find(saved)
          .ifPresent(
              i ->
                  Messages.info(
                      "Integration " + i.name() + " saved (" + colors.label(i.status()) + ")"));
    }
  }

  void load() {
    rows = integrations.list(callers.caller());
    // the last 7 days, as GET /api/v1/usage/summary?groupBy=integration gives them
    Instant now = Instant.now();
    recentUsage =
        usage
            .summary(
                callers.caller(),
                new UsageQuery(
                    now.minus(Duration.ofDays(7)),
                    now.plusSeconds(1),
                    UsageQuery.GroupBy.INTEGRATION,
                    null,
                    null))
            .rows()
            .stream()
            .filter(r -> r.key() != null)
            .collect(Collectors.toMap(UsageRow::key, r -> r, (a, b) -> a));
    providerNames =
        integrations.providers().stream()
            .collect(
                Collectors.toMap(
                    ProviderDescriptor::id, ProviderDescriptor::displayName, (a, b) -> a));
  }

  public String providerName(String id) {
    return providerNames.getOrDefault(id, id);
  }

  /** Tests with the stored values (variables resolve from the workspace's stored ones). */
  public void test(String id) {
    try {
      ConnectionTestView r = tests.test(callers.caller(), id, null, Map.of(), false);
      if (r.success()) {
        Messages.info("Connection test passed (" + r.latencyMillis() + " ms)");
      } else {
        Messages.error("Connection test failed: " + r.message());
      }
    } catch (IntegrationNotFoundException | InvalidRequestException e) {
      Messages.error(e.getMessage());
    }
    load();
  }

  public void showHistory(String id) {
    try {
      selected = integrations.get(callers.caller(), id);
      history = integrations.history(callers.caller(), id, 50);
      PrimeFaces.current().executeScript("PF('history').show()");
    } catch (IntegrationNotFoundException e) {
      Messages.error(e.getMessage());
    }
  }

  public void select(String id) {
    selected = find(id).orElse(null);
  }

  public void reset() {
    if (selected == null) {
      return;
    }
    try {
      integrations.reset(callers.caller(), selected.id());
      Messages.info(
          "Integration "
              + selected.name()
              + " reset: credentials, address, models and tests removed");
    } catch (IntegrationNotFoundException e) {
      Messages.error(e.getMessage());
    }
    selected = null;
    load();
  }

  public void delete() {
    if (selected == null) {
      return;
    }
    try {
      integrations.delete(callers.caller(), selected.id());
      Messages.info("Integration " + selected.name() + " deleted");
    } catch (IntegrationNotFoundException e) {
      Messages.error(e.getMessage());
    }
    selected = null;
    load();
  }

  /** How many models are enabled, of how many. */
  public String models(IntegrationView i) {
    long enabled = i.models().stream().filter(m -> m.enabled()).count();
    return enabled + " of " + i.models().size();
  }

  /** What a delete or reset removes, in words, for the confirmation. */
  public String removes() {
    if (selected == null) {
      return "";
    }
    Map<String, Long> counts =
        Map.of(
            "model(s)", (long) selected.models().size(),
            "header(s)", (long) (selected.headers() == null ? 0 : selected.headers().size()));
    String parts =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey())
            .sorted()
            .collect(Collectors.joining(", "));
    return (selected.apiKey() == null ? "" : "its API key (" + selected.apiKey() + "), ")
        + (parts.isEmpty() ? "" : parts + ", ")
        + "its connection test history and the routes that use it";
  }

  private Optional<IntegrationView> find(String id) {
    return rows.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The last 7 days' requests and tokens of an integration, e.g. "3 req · 120 tok", or "none". */
  public String recentUsage(String id) {
    UsageRow r = recentUsage.get(id);
    return r == null ? "none" : r.requests() + " req · " + r.totalTokens() + " tok";
  }

  public List<IntegrationView> getRows() {
    return rows;
  }

  public IntegrationView getSelected() {
    return selected;
  }

  public List<ConnectionTestView> getHistory() {
    return history;
  }
}
