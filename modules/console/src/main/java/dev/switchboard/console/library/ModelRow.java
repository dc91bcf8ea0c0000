package dev.switchboard.console.library;

import java.io.Serializable;

/** A model on the wizard's Models step: from the catalog, or added by hand. */
public class ModelRow implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final String displayName;
  private final String description;
  private final String deploymentId;
  private final boolean added;
  private boolean enabled;

  public ModelRow(
      String modelId,
      String displayName,
      String description,
      String deploymentId,
      boolean added,
      boolean enabled) {
    this.modelId = modelId;
    this.displayName = displayName;
    this.description = description;
    this.deploymentId = deploymentId;
    this.added = added;
    this.enabled = enabled;
  }

  public String getModelId() {
    return modelId;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getDescription() {
    return description;
  }

  public String getDeploymentId() {
    return deploymentId;
  }

  public boolean isAdded() {
    return added;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
