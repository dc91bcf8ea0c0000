package dev.switchboard.console.usage;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageQuery;
import dev.switchboard.usage.UsageRow;
import dev.switchboard.usage.UsageSummary;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Usage as pictures: tokens, requests and median latency per day, and a breakdown by module
 * (feature), model, provider, workspace, integration or caller, for a period and filters. The
 * numbers are {@link UsageAdmin#summary}'s, the same as {@code GET /api/v1/usage/summary} gives for
 * the same period ({@code from} and {@code to} are midnights UTC, {@code to} exclusive).
 */
@Named
@ViewScoped
public class UsageView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The longest period drawn day by day. */
  static final int MAX_DAYS = 366;

  @Inject UsageAdmin usage;
  @Inject Integrations integrations;
  @Inject ConsoleCaller callers;

  private LocalDate fromDate;
  private LocalDate toDate;
  private String workspace;
  private String integrationId;
  private String groupBy = "MODEL";

  private List<IntegrationView> visible;
  private Map<String, String> names;
  private List<UsageRow> days = List.of();
  private List<UsageRow> breakdown = List.of();
  private List<String> warnings = List.of();
  private Instant from;
  private Instant to;
  private String tokensChart;
  private String latencyChart;
  private String breakdownChart;

  @PostConstruct
  void init() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    toDate = today;
    fromDate = today.minusDays(29);
    visible = integrations.list(callers.caller());
    names = visible.stream().collect(Collectors.toMap(IntegrationView::id, IntegrationView::name));
    refresh();
  }

  /** Reads the summaries for the period and filters, and draws them. */
  public void refresh() {
    if (fromDate == null || toDate == null || fromDate.isAfter(toDate)) {
      Messages.invalid(
          "filters", new InvalidRequestException("fromDate", "from must be on or before to"));
      return;
    }
    if (ChronoUnit.DAYS.between(fromDate, toDate) >= MAX_DAYS) {
      Messages.invalid(
          "filters",
          new InvalidRequestException("fromDate", "a period is at most " + MAX_DAYS + " days"));
      return;
    }
    Caller c = callers.caller();
    from = fromDate.atStartOfDay().toInstant(ZoneOffset.UTC);
    to = toDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    String ws = c.admin() ? blankToNull(workspace) : null;
    String integration = blankToNull(integrationId);
    UsageSummary byDay =
        usage.summary(c, new UsageQuery(from, to, UsageQuery.GroupBy.DAY, ws, integration));
    UsageSummary byGroup =
        usage.summary(
            c, new UsageQuery(from, to, UsageQuery.GroupBy.valueOf(groupBy), ws, integration));
    days = byDay.rows();
    breakdown = byGroup.rows();
    Set<String> w = new LinkedHashSet<>(byDay.warnings());
    w.addAll(byGroup.warnings());
    warnings = List.copyOf(w);
    draw();
  }

  private void draw() {
    // every day of the period, zero where nothing was used
    Map<String, UsageRow> byDay = new TreeMap<>();
    days.forEach(r -> byDay.put(r.key().substring(0, Math.min(10, r.key().length())), r));
    List<String> labels = new ArrayList<>();
    List<Long> tokens = new ArrayList<>();
    List<Long> requests = new ArrayList<>();
    List<Double> latency = new ArrayList<>();
    for (LocalDate d = fromDate; !d.isAfter(toDate); d = d.plusDays(1)) {
      UsageRow r = byDay.get(d.toString());
      labels.add(d.toString());
      tokens.add(r == null ? 0 : r.totalTokens());
      requests.add(r == null ? 0 : r.requests());
      latency.add(r == null ? null : r.medianLatencyMillis());
    }
    tokensChart =
        Charts.chart(
            "bar",
            labels,
            List.of(
                new Charts.Series("Total tokens", tokens, "#2680c2", null, "y"),
                new Charts.Series("Requests", requests, "#de911d", "line", "y1")),
            "tokens",
            "requests");
    latencyChart =
        Charts.chart(
            "line",
            labels,
            List.of(new Charts.Series("Median latency (ms)", latency, "#3ebd93", null, "y")),
            "milliseconds");
    List<String> keys = breakdown.stream().map(r -> label(r.key())).toList();
    breakdownChart =
        Charts.chart(
            "bar",
            keys,
            List.of(
                new Charts.Series(
                    "Input tokens", column(UsageRow::inputTokens), "#2680c2", null, "y"),
                new Charts.Series(
                    "Output tokens", column(UsageRow::outputTokens), "#9446ed", null, "y"),
                new Charts.Series("Requests", column(UsageRow::requests), "#de911d", "line", "y1")),
            "tokens",
            "requests");
  }

  private List<Long> column(Function<UsageRow, Long> f) {
    return breakdown.stream().map(f).toList();
  }

  /** A group's key as people read it: integrations by name, missing keys as "none". */
  public String label(String key) {
    if (key == null) {
      return "(none)";
    }
    return "INTEGRATION".equals(groupBy) ? names.getOrDefault(key, key) : key;
  }

  public List<String> getWorkspaces() {
    return visible.stream().map(IntegrationView::workspace).distinct().sorted().toList();
  }

  public List<IntegrationView> getIntegrations() {
    return visible;
  }

  public Map<String, String> getGroupings() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("Module / feature", "MODULE");
    m.put("Model", "MODEL");
    m.put("Provider", "PROVIDER");
    m.put("Workspace", "WORKSPACE");
    m.put("Integration", "INTEGRATION");
    m.put("Caller", "CALLER");
    return m;
  }

  public long getTotalTokens() {
    return days.stream().mapToLong(UsageRow::totalTokens).sum();
  }

  public long getTotalRequests() {
    return days.stream().mapToLong(UsageRow::requests).sum();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public LocalDate getFromDate() {
    return fromDate;
  }

  public void setFromDate(LocalDate fromDate) {
    this.fromDate = fromDate;
  }

  public LocalDate getToDate() {
    return toDate;
  }

  public void setToDate(LocalDate toDate) {
    this.toDate = toDate;
  }

  public String getWorkspace() {
    return workspace;
  }

  public void setWorkspace(String workspace) {
    this.workspace = workspace;
  }

  public String getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(String integrationId) {
    this.integrationId = integrationId;
  }

  public String getGroupBy() {
    return groupBy;
  }

  public void setGroupBy(String groupBy) {
    this.groupBy = groupBy;
  }

  public List<UsageRow> getDays() {
    return days;
  }

  public List<UsageRow> getBreakdown() {
    return breakdown;
  }

  public List<String> getWarnings() {
    return warnings;
  }

  public Instant getFrom() {
    return from;
  }

  public Instant getTo() {
    return to;
  }

  public String getTokensChart() {
    return tokensChart;
  }

  public String getLatencyChart() {
    return latencyChart;
  }

  public String getBreakdownChart() {
    return breakdownChart;
  }
}
