package dev.switchboard.integrations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A model an integration offers: from the catalog, or added by hand before the catalog knows it.
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_integration_model")
public class IntegrationModel {

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "integration_id", nullable = false, length = 36)
  String integrationId;

  @Column(name = "model_id", nullable = false, length = 200)
  String modelId;

  @Column(name = "display_name", length = 200)
  String displayName;

  @Column(name = "description", length = 1000)
  String description;

  /** Azure OpenAI's deployment name for this model; other providers leave it empty. */
  @Column(name = "deployment_id", length = 200)
  String deploymentId;

  @Column(name = "enabled", nullable = false)
  boolean enabled;

  /** Added by hand rather than from the catalog. */
  @Column(name = "custom", nullable = false)
  boolean custom;

  protected IntegrationModel() {}

  IntegrationModel(String id, String integrationId, ModelDraft draft, boolean custom) {
    this.id = id;
    this.integrationId = integrationId;
    this.modelId = draft.modelId();
    this.displayName = draft.displayName() == null ? draft.modelId() : draft.displayName();
    this.description = draft.description();
    this.deploymentId = draft.deploymentId();
    this.enabled = draft.enabled() == null || draft.enabled();
    this.custom = custom;
  }

  void enable(boolean on) {
    enabled = on;
  }

  ModelView view() {
    return new ModelView(modelId, displayName, description, deploymentId, enabled, custom);
  }
}
