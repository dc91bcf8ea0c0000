package dev.switchboard.console.routing;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.ModelView;
import dev.switchboard.routing.features.Decision;
import dev.switchboard.routing.features.DefaultsDraft;
import dev.switchboard.routing.features.FeatureDraft;
import dev.switchboard.routing.features.FeatureView;
import dev.switchboard.routing.features.Features;
import dev.switchboard.routing.features.PromptTemplate;
import dev.switchboard.routing.features.ResolvedRoute;
import dev.switchboard.routing.router.Router;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Features and routing (admins): features with their prompt templates and a preview of the messages
 * a call would send; each feature's route as a fallback chain reordered by drag and drop (the table
 * moves the row in {@link RouteLevel#getSteps()} itself), at the organization level and for a
 * workspace side by side, with each level's defaults; and "explain", which says which level decides
 * a model name's route. Every change goes through {@link Features}, as {@code /api/v1/features} and
 * {@code /api/v1/routing} do.
 */
@Named
@ViewScoped
public class RoutingView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A rendered message of the preview. */
  public record PreviewMessage(String role, String text) {}

  /** A content variable's sample value for the preview. */
  public static class SampleVariable implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private String value;

    SampleVariable(String name, String value) {
      this.name = name;
      this.value = value;
    }

    public String getName() {
      return name;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }
  }

  /** One deployment of the explained route. */
  public record ExplainedStep(
      int position, String integration, String providerId, String modelId) {}

  @Inject Features features;
  @Inject Router router;
  @Inject Integrations integrations;
  @Inject ConsoleCaller callers;

  private List<FeatureView> list;
  private Map<String, String> deployments;
  private List<String> workspaces;

  // the feature editor
  private boolean editing;
  private boolean creating;
  private boolean builtIn;
  private String name;
  private String description;
  private String systemPrompt;
  private String userTemplate;
  private Integer cacheTtlSeconds;
  private Integer cacheMaxEntries;
  private String sampleMessage = "What can you do for me?";
  private List<SampleVariable> sampleVariables = new ArrayList<>();
  private List<PreviewMessage> preview;

  // routes
  private String feature;
  private final RouteLevel organization = new RouteLevel("org-route", Features.ORGANIZATION);
  private final RouteLevel workspace = new RouteLevel("ws-route", "default");

  // explain
  private String explainModel;
  private String explainWorkspace;
  private String decidedBy;
  private String explainedFeature;
  private List<ExplainedStep> explainedSteps = List.of();
  private List<String> unavailable = List.of();

  @PostConstruct
  void load() {
    list = features.list();
    Caller c = callers.caller();
    deployments = new LinkedHashMap<>();
    TreeSet<String> ws = new TreeSet<>();
    ws.add(c.workspace());
    for (IntegrationView i : integrations.list(c)) {
      ws.add(i.workspace());
      for (ModelView m : i.models()) {
        deployments.put(
            RouteLevel.key(i.id(), m.modelId()),
            i.name() + " · " + m.modelId() + (m.enabled() ? "" : " (disabled)"));
      }
    }
    workspaces = List.copyOf(ws);
    workspace.setWorkspace(c.workspace());
    explainWorkspace = c.workspace();
    if (feature == null && !list.isEmpty()) {
      feature = list.get(0).name();
    }
    showLevels();
  }

  // ---- features

  public void newFeature() {
    editing = true;
    creating = true;
    builtIn = false;
    name = null;
    description = null;
    systemPrompt = null;
    userTemplate = null;
    cacheTtlSeconds = null;
    cacheMaxEntries = null;
    preview = null;
    sampleVariables = new ArrayList<>();
  }

  public void edit(String featureName) {
    FeatureView f = features.find(featureName).orElse(null);
    if (f == null) {
      Messages.error("No feature is named " + featureName);
      return;
    }
    editing = true;
    creating = false;
    builtIn = f.builtIn();
    name = f.name();
    description = f.description();
    systemPrompt = f.systemPrompt();
    userTemplate = f.userTemplate();
    cacheTtlSeconds = f.cacheTtlSeconds();
    cacheMaxEntries = f.cacheMaxEntries();
    preview = null;
    sampleVariables = new ArrayList<>();
    refreshVariables();
  }

  public void cancelEdit() {
    editing = false;
    preview = null;
  }

  public void saveFeature() {
    String actor = callers.caller().username();
    FeatureDraft d =
        new FeatureDraft(
            blankToNull(description),
            blankToNull(systemPrompt),
            blankToNull(userTemplate),
            cacheTtlSeconds,
            cacheMaxEntries);
    try {
      FeatureView v =
          creating
              ? features.create(actor, name == null ? null : name.trim(), d)
              : features.update(actor, name, d);
      Messages.info("Feature " + v.name() + (creating ? " created" : " saved"));
      editing = false;
      preview = null;
      list = features.list();
      feature = v.name();
      showLevels();
    } catch (InvalidRequestException e) {
      Messages.invalid("feature", e);
    }
  }

  public void deleteFeature(String featureName) {
    try {
      features.delete(callers.caller().username(), featureName);
      router.clearCache(featureName);
      Messages.info("Feature " + featureName + " and its routes deleted");
    } catch (InvalidRequestException e) {
      Messages.error(e.getMessage());
    }
    list = features.list();
    if (featureName.equals(feature)) {
      feature = list.isEmpty() ? null : list.get(0).name();
      showLevels();
    }
  }

  /** The content variables the edited template uses that a caller supplies (derived ones aside). */
  public void refreshVariables() {
    List<String> names;
    try {
      names = PromptTemplate.of(systemPrompt, userTemplate).contentVariables();
    } catch (IllegalArgumentException e) {
      return;
    }
    Map<String, String> old = new LinkedHashMap<>();
    sampleVariables.forEach(v -> old.put(v.getName(), v.getValue()));
    sampleVariables = new ArrayList<>();
    for (String n : names) {
      if (!PromptTemplate.DERIVED.contains(n)) {
        sampleVariables.add(new SampleVariable(n, old.get(n)));
      }
    }
  }

  /**
   * The messages a call with the sample message would send, with the edited (not yet saved)
   * template applied, as {@code POST /api/v1/features/{name}/preview} renders them.
   */
  public void preview() {
    PromptTemplate t;
    try {
      t = PromptTemplate.of(blankToNull(systemPrompt), blankToNull(userTemplate));
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      int colon = msg.indexOf(':');
      Messages.invalid(
          "feature", new InvalidRequestException(colon < 0 ? null : msg.substring(0, colon), msg));
      return;
    }
    refreshVariables();
    Map<String, String> values = new LinkedHashMap<>();
    sampleVariables.stream()
        .filter(v -> v.getValue() != null)
        .forEach(v -> values.put(v.getName(), v.getValue()));
    try {
      preview =
          t
              .apply(List.of(Message.user(sampleMessage == null ? "" : sampleMessage)), values)
              .stream()
              .map(
                  m ->
                      new PreviewMessage(
                          m.role().name().toLowerCase(java.util.Locale.ROOT), m.text()))
              .toList();
    } catch (ProviderException e) {
      preview = null;
      Messages.error(e.getMessage());
    }
  }

  // ---- routes and defaults

  public void showLevels() {
    if (feature == null) {
      return;
    }
    organization.showRoute(features.route(feature, Features.ORGANIZATION));
    organization.showDefaults(features.defaults(Features.ORGANIZATION).orElse(null));
    workspace.showRoute(features.route(feature, workspace.getWorkspace()));
    workspace.showDefaults(features.defaults(workspace.getWorkspace()).orElse(null));
    explainModel = feature;
    explainWorkspace = workspace.getWorkspace();
  }

  public RouteLevel level(String form) {
    return organization.getForm().equals(form) ? organization : workspace;
  }

  public void add(String form) {
    RouteLevel l = level(form);
    if (l.getToAdd() == null || l.getToAdd().isBlank()) {
      return;
    }
    if (!l.getSteps().contains(l.getToAdd())) {
      l.getSteps().add(l.getToAdd());
    }
    l.setToAdd(null);
  }

  public void remove(String form, String step) {
    level(form).getSteps().remove(step);
  }

  public void up(String form, int index) {
    level(form).move(index, index - 1);
  }

  public void saveRoute(String form) {
    RouteLevel l = level(form);
    try {
      features.assign(callers.caller().username(), feature, l.getWorkspace(), l.route());
      Messages.info(
          l.getSteps().isEmpty()
              ? "Route of " + feature + " removed at " + levelName(l) + ": the next level decides"
              : "Route of " + feature + " saved at " + levelName(l));
      l.showRoute(features.route(feature, l.getWorkspace()));
      explain();
    } catch (InvalidRequestException e) {
      Messages.invalid(form, e);
    }
  }

  public void saveDefaults(String form) {
    RouteLevel l = level(form);
    try {
      features.setDefaults(
          callers.caller().username(),
          l.getWorkspace(),
          new DefaultsDraft(
              blankToNull(l.getProviderId()),
              blankToNull(l.getModelId()),
              l.getTemperature(),
              l.getMaxTokens()));
      Messages.info("Defaults saved at " + levelName(l));
      l.showDefaults(features.defaults(l.getWorkspace()).orElse(null));
    } catch (InvalidRequestException e) {
      Messages.invalid(form, e);
    }
  }

  public void clearDefaults(String form) {
    RouteLevel l = level(form);
    features.clearDefaults(callers.caller().username(), l.getWorkspace());
    Messages.info("Defaults cleared at " + levelName(l) + ": the next level applies");
    l.showDefaults(null);
  }

  private static String levelName(RouteLevel l) {
    return l.isOrganization() ? "the organization level" : "workspace " + l.getWorkspace();
  }

  public String deploymentLabel(String key) {
    return deployments.getOrDefault(key, key + " (no longer available)");
  }

  // ---- explain

  public void explain() {
    if (explainModel == null || explainModel.isBlank()) {
      Messages.invalid(
          "explain", new InvalidRequestException("explainModel", "Name a model or a feature"));
      return;
    }
    try {
      String ws =
          explainWorkspace == null || explainWorkspace.isBlank()
              ? callers.caller().workspace()
              : explainWorkspace.trim();
      ResolvedRoute r = router.explain(explainModel.trim(), ws);
      decidedBy = decision(r.decidedBy());
      explainedFeature = r.feature();
      explainedSteps =
          r.steps().stream()
              .map(
                  s ->
                      new ExplainedStep(
                          s.position(),
                          deploymentLabel(
                              RouteLevel.key(
                                  s.deployment().integrationId(), s.deployment().modelId())),
                          s.deployment().providerId(),
                          s.deployment().modelId()))
              .toList();
      unavailable = r.unavailable().stream().map(this::deploymentLabel).toList();
    } catch (ProviderException e) {
      decidedBy = null;
      explainedSteps = List.of();
      unavailable = List.of();
      Messages.invalid("explain", new InvalidRequestException("explainModel", e.getMessage()));
    }
  }

  /** A decision as the admin reads it. */
  static String decision(Decision d) {
    return switch (d) {
      case PROVIDER_MODEL -> "provider/model: the call named a model of an integration";
      case WORKSPACE_ROUTE -> "workspace route";
      case ORGANIZATION_ROUTE -> "organization route";
      case DEPLOYMENT_ALIAS -> "deployment alias";
      case WORKSPACE_DEFAULT -> "workspace default";
      case ORGANIZATION_DEFAULT -> "organization default";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // ---- properties

  public List<FeatureView> getList() {
    return list;
  }

  /** Every deployment that can be added to a route, as {@code integrationId/modelId}. */
  public List<String> getDeploymentKeys() {
    return List.copyOf(deployments.keySet());
  }

  public List<String> getWorkspaces() {
    return workspaces;
  }

  public boolean isEditing() {
    return editing;
  }

  public boolean isCreating() {
    return creating;
  }

  public boolean isBuiltIn() {
    return builtIn;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getSystemPrompt() {
    return systemPrompt;
  }

  public void setSystemPrompt(String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  public String getUserTemplate() {
    return userTemplate;
  }

  public void setUserTemplate(String userTemplate) {
    this.userTemplate = userTemplate;
  }

  public Integer getCacheTtlSeconds() {
    return cacheTtlSeconds;
  }

  public void setCacheTtlSeconds(Integer cacheTtlSeconds) {
    this.cacheTtlSeconds = cacheTtlSeconds;
  }

  public Integer getCacheMaxEntries() {
    return cacheMaxEntries;
  }

  public void setCacheMaxEntries(Integer cacheMaxEntries) {
    this.cacheMaxEntries = cacheMaxEntries;
  }

  public String getSampleMessage() {
    return sampleMessage;
  }

  public void setSampleMessage(String sampleMessage) {
    this.sampleMessage = sampleMessage;
  }

  public List<SampleVariable> getSampleVariables() {
    return sampleVariables;
  }

  public List<PreviewMessage> getPreview() {
    return preview;
  }

  public String getFeature() {
    return feature;
  }

  public void setFeature(String feature) {
    this.feature = feature;
  }

  public RouteLevel getOrganization() {
    return organization;
  }

  public RouteLevel getWorkspace() {
    return workspace;
  }

  public String getExplainModel() {
    return explainModel;
  }

  public void setExplainModel(String explainModel) {
    this.explainModel = explainModel;
  }

  public String getExplainWorkspace() {
    return explainWorkspace;
  }

  public void setExplainWorkspace(String explainWorkspace) {
    this.explainWorkspace = explainWorkspace;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public String getExplainedFeature() {
    return explainedFeature;
  }

  public List<ExplainedStep> getExplainedSteps() {
    return explainedSteps;
  }

  public List<String> getUnavailable() {
    return unavailable;
  }
}
