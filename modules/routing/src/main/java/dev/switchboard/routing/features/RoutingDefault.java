package dev.switchboard.routing.features;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Timestamp;

/** The default model and parameters of the organization ({@code '*'}) or of one workspace. */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_routing_default")
public class RoutingDefault {

  @Id
  @Column(name = "workspace", length = 100)
  String workspace;

  @Column(name = "provider_id", length = 100)
  String providerId;

  @Column(name = "model_id", length = 200)
  String modelId;

  @Column(name = "temperature")
  Double temperature;

  @Column(name = "max_tokens")
  Integer maxTokens;

  @Column(name = "updated_by", nullable = false, length = 100)
  String updatedBy;

  @Column(name = "updated_at", nullable = false)
  Timestamp updatedAt;

  protected RoutingDefault() {}

  RoutingDefault(String workspace) {
    this.workspace = workspace;
  }

  void apply(DefaultsDraft d, String by, Timestamp now) {
    this.providerId = d.providerId();
    this.modelId = d.modelId();
    this.temperature = d.temperature();
    this.maxTokens = d.maxTokens();
    this.updatedBy = by;
    this.updatedAt = now;
  }

  DefaultsView view() {
    return new DefaultsView(workspace, providerId, modelId, temperature, maxTokens);
  }
}
