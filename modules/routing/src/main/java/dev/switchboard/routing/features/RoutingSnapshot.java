package dev.switchboard.routing.features;

import java.util.List;
import java.util.Map;

/**
 * The routing configuration at one moment: features by name, routes by feature and level, defaults
 * by level. Immutable; the router reads it without touching the database.
 */
public record RoutingSnapshot(
    Map<String, FeatureView> features,
    Map<String, List<RouteStep>> routes,
    Map<String, DefaultsView> defaults,
    long epoch) {

  public RoutingSnapshot {
    features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
    routes = Map.copyOf(routes);
    defaults = Map.copyOf(defaults);
  }

  static String key(String feature, String level) {
    return feature + "\u0000" + level;
  }

  public List<RouteStep> route(String feature, String level) {
    return routes.getOrDefault(key(feature, level), List.of());
  }

  /** Whether the configuration changed since this snapshot was read. */
  boolean stale() {
    return epoch != dev.switchboard.platform.config.ConfigVersion.epoch();
  }
}
