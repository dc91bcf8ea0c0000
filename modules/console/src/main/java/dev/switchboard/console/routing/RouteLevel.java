package dev.switchboard.console.routing;

import dev.switchboard.routing.features.DefaultsView;
import dev.switchboard.routing.features.RouteStep;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One level of a feature's routing as the page edits it: the organization ({@code *}) or a
 * workspace. Its route is a fallback chain of deployments ({@code integrationId/modelId}) in the
 * order shown; its defaults are the level's default model and parameters.
 */
public class RouteLevel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String form;
  private String workspace;
  private List<String> steps = new ArrayList<>();
  private String toAdd;
  private String providerId;
  private String modelId;
  private Double temperature;
  private Integer maxTokens;
  private boolean defaultsSet;

  RouteLevel(String form, String workspace) {
    this.form = form;
    this.workspace = workspace;
  }

  /** A deployment's key: integration ids are UUIDs, so the first '/' separates them. */
  static String key(String integrationId, String modelId) {
    return integrationId + "/" + modelId;
  }

  void showRoute(List<RouteStep> route) {
    steps = new ArrayList<>(route.stream().map(s -> key(s.integrationId(), s.modelId())).toList());
  }

  /** The chain in fallback order: positions 0, 1, 2... as shown. */
  List<RouteStep> route() {
    List<RouteStep> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String k = steps.get(i);
      int slash = k.indexOf('/');
      out.add(new RouteStep(k.substring(0, slash), k.substring(slash + 1), i, null));
    }
    return out;
  }

  void showDefaults(DefaultsView d) {
    defaultsSet = d != null;
    providerId = d == null ? null : d.providerId();
    modelId = d == null ? null : d.modelId();
    temperature = d == null ? null : d.temperature();
    maxTokens = d == null ? null : d.maxTokens();
  }

  void move(int from, int to) {
    if (from < 0 || from >= steps.size() || to < 0 || to >= steps.size()) {
      return;
    }
    steps.add(to, steps.remove(from));
  }

  public String getForm() {
    return form;
  }

  public boolean isOrganization() {
    return "*".equals(workspace);
  }

  public String getWorkspace() {
    return workspace;
  }

  public void setWorkspace(String workspace) {
    this.workspace = workspace;
  }

  public List<String> getSteps() {
    return steps;
  }

  public String getToAdd() {
    return toAdd;
  }

  public void setToAdd(String toAdd) {
    this.toAdd = toAdd;
  }

  public String getProviderId() {
    return providerId;
  }

  public void setProviderId(String providerId) {
    this.providerId = providerId;
  }

  public String getModelId() {
    return modelId;
  }

  public void setModelId(String modelId) {
    this.modelId = modelId;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  public Integer getMaxTokens() {
    return maxTokens;
  }

  public void setMaxTokens(Integer maxTokens) {
    this.maxTokens = maxTokens;
  }

  public boolean isDefaultsSet() {
    return defaultsSet;
  }
}
