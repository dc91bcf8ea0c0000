package dev.switchboard.platform.config;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * The entity listener on every configuration entity (integrations and their models, variables, auth
 * profiles, custom providers and LLMs, features, routes, defaults, gateway keys): a change bumps
 * the configuration version in the transaction that makes it ({@link ConfigVersion#changed()}).
 */
public class ConfigChanges {

  @PostPersist
  @PostUpdate
  @PostRemove
  void onChange(Object entity) {
    ConfigVersion.changed();
  }
}
