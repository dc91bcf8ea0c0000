package dev.switchboard.integrations;

import dev.switchboard.providers.ProviderDescriptor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.LocalDateTime;

/** An OpenAI-compatible provider an admin added by base URL, with no code change. */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_custom_provider")
public class CustomProvider {

  @Id
  @Column(name = "id", length = 50)
  String id;

  @Column(name = "display_name", nullable = false, length = 100)
  String displayName;

  @Column(name = "base_url", nullable = false, length = 2000)
  String baseUrl;

  @Column(name = "lists_models", nullable = false)
  boolean listsModels;

  @Column(name = "created_by", nullable = false, length = 100)
  String createdBy;

  @Column(name = "created_at", nullable = false)
  LocalDateTime createdAt;

  protected CustomProvider() {}

  CustomProvider(
      String id,
      String displayName,
      String baseUrl,
      boolean listsModels,
      String createdBy,
      LocalDateTime now) {
    this.id = id;
    this.displayName = displayName;
    this.baseUrl = baseUrl;
    this.listsModels = listsModels;
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  ProviderDescriptor descriptor() {
    return ProviderDescriptor.custom(id, displayName, URI.create(baseUrl), listsModels);
  }
}
