package dev.switchboard.routing.features;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Timestamp;

/** A named use of a model: its prompt template and response cache settings. */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_feature")
public class Feature {

  @Id
  @Column(name = "name", length = 100)
  String name;

  @Column(name = "description", length = 1000)
  String description;

  @Column(name = "system_prompt", length = 16000)
  String systemPrompt;

  @Column(name = "user_template", length = 16000)
  String userTemplate;

  @Column(name = "built_in", nullable = false)
  boolean builtIn;

  @Column(name = "cache_ttl_seconds", nullable = false)
  int cacheTtlSeconds;

  @Column(name = "cache_max_entries", nullable = false)
  int cacheMaxEntries;

  @Column(name = "created_at", nullable = false)
  Timestamp createdAt;

  @Column(name = "updated_at", nullable = false)
  Timestamp updatedAt;

  protected Feature() {}

  Feature(String name, FeatureDraft d, Timestamp now) {
    this.name = name;
    this.builtIn = false;
    this.createdAt = now;
    apply(d, now);
  }

  void apply(FeatureDraft d, Timestamp now) {
    this.description = d.description();
    this.systemPrompt = blankToNull(d.systemPrompt());
    this.userTemplate = blankToNull(d.userTemplate());
    this.cacheTtlSeconds = d.cacheTtlSeconds() == null ? 0 : d.cacheTtlSeconds();
    this.cacheMaxEntries = d.cacheMaxEntries() == null ? 1000 : d.cacheMaxEntries();
    this.updatedAt = now;
  }

  FeatureView view() {
    return new FeatureView(
        name,
        description,
        systemPrompt,
        userTemplate,
        builtIn,
        cacheTtlSeconds,
        cacheMaxEntries,
        PromptTemplate.of(systemPrompt, userTemplate).contentVariables());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
