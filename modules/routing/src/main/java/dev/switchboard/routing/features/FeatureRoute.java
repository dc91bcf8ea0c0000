package dev.switchboard.routing.features;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One deployment in a feature's route at one level ({@link Features#ORGANIZATION} or a workspace).
 * Rows of equal position are equivalent and balanced by weight; a higher position is a fallback.
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_feature_route")
public class FeatureRoute {

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "feature_name", nullable = false, length = 100)
  String featureName;

  @Column(name = "workspace", nullable = false, length = 100)
  String workspace;

  @Column(name = "position", nullable = false)
  int position;

  @Column(name = "integration_id", nullable = false, length = 36)
  String integrationId;

  @Column(name = "model_id", nullable = false, length = 200)
  String modelId;

  @Column(name = "weight", nullable = false)
  int weight;

  protected FeatureRoute() {}

  FeatureRoute(String id, String featureName, String workspace, RouteStep step) {
    this.id = id;
    this.featureName = featureName;
    this.workspace = workspace;
    this.position = step.position();
    this.integrationId = step.integrationId();
    this.modelId = step.modelId();
    this.weight = step.weight() == null ? 1 : step.weight();
  }

  RouteStep step() {
    return new RouteStep(integrationId, modelId, position, weight);
  }
}
