package dev.switchboard.routing.features;

import dev.switchboard.integrations.IntegrationRemoved;
import dev.switchboard.integrations.IntegrationStore;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Features, their routes at the organization and workspace levels, and the defaults: every change
 * validated and audited. The router reads a {@link RoutingSnapshot}, rebuilt when the configuration
 * version moves ({@link dev.switchboard.platform.config.ConfigVersion}: at once for a change on
 * this server, within the poll interval for a change on another), on the poller's thread or by the
 * first call that finds it stale.
 */
@ApplicationScoped
public class Features {

  /** The level name of the organization, in routes and defaults. */
  public static final String ORGANIZATION = "*";

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  static final int MAX_STEPS = 20;
  static final int MAX_CACHE_TTL_SECONDS = 7 * 24 * 3600;
  static final int MAX_CACHE_ENTRIES = 100_000;

  @PersistenceContext(unitName = "switchboard-routing")
  EntityManager em;

  @Inject AuditTrail audit;
  @Inject IntegrationStore integrations;

  @Inject dev.switchboard.platform.config.ConfigVersion version;

  private volatile RoutingSnapshot snapshot;

  @jakarta.annotation.PostConstruct
  void watch() {
    version.onChange(() -> snapshot = load());
  }

  /** The current routing configuration, reloaded when stale. */
  public RoutingSnapshot snapshot() {
    RoutingSnapshot s = snapshot;
    if (s == null || s.stale()) {
      s = load();
      snapshot = s;
    }
    return s;
  }

  /** Forgets the snapshot, so the next call reads the database. */
  public void invalidate() {
    snapshot = null;
  }

  @Transactional
  RoutingSnapshot load() {
    long epoch = dev.switchboard.platform.config.ConfigVersion.epoch();
    Map<String, FeatureView> features = new LinkedHashMap<>();
    for (Feature f :
        em.createQuery("SELECT f FROM Feature f ORDER BY f.name", Feature.class).getResultList()) {
      features.put(f.name, f.view());
    }
    Map<String, List<RouteStep>> routes = new HashMap<>();
    for (FeatureRoute r :
        em.createQuery(
                "SELECT r FROM FeatureRoute r ORDER BY r.featureName, r.workspace, r.position,"
                    + " r.integrationId, r.modelId",
                FeatureRoute.class)
            .getResultList()) {
      routes
          .computeIfAbsent(RoutingSnapshot.key(r.featureName, r.workspace), k -> new ArrayList<>())
          .add(r.step());
    }
    Map<String, DefaultsView> defaults = new HashMap<>();
    for (RoutingDefault d :
        em.createQuery("SELECT d FROM RoutingDefault d", RoutingDefault.class).getResultList()) {
      defaults.put(d.workspace, d.view());
    }
    return new RoutingSnapshot(features, routes, defaults, epoch);
  }

  public List<FeatureView> list() {
    return List.copyOf(snapshot().features().values());
  }

  public Optional<FeatureView> find(String name) {
    return Optional.ofNullable(snapshot().features().get(name));
  }

  @Transactional
  public FeatureView create(String actor, String name, FeatureDraft draft) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name",
          "A feature name is 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit.");
    }
    if (em.find(Feature.class, name) != null) {
      throw new InvalidRequestException("name", "A feature named '" + name + "' already exists.");
    }
    FeatureDraft d = validated(draft);
    Feature f = new Feature(name, d, now());
    em.persist(f);
    audit.record(actor, "feature.created", "feature", name, null, auditDetails(d));
    invalidate();
    return f.view();
  }

  @Transactional
  public FeatureView update(String actor, String name, FeatureDraft draft) {
    Feature f = existing(name);
    FeatureDraft d = validated(draft);
    f.apply(d, now());
    audit.record(actor, "feature.updated", "feature", name, null, auditDetails(d));
    invalidate();
    return f.view();
  }

  @Transactional
  public void delete(String actor, String name) {
    Feature f = existing(name);
    if (f.builtIn) {
      throw new InvalidRequestException(
          "name", "'" + name + "' is a built-in feature: change its route or template instead.");
    }
    em.createQuery("DELETE FROM FeatureRoute r WHERE r.featureName = :n")
        .setParameter("n", name)
        .executeUpdate();
    em.remove(f);
    audit.record(actor, "feature.deleted", "feature", name, null, Map.of());
    invalidate();
  }

  /** The route of a feature at one level (empty when that level sets none). */
  public List<RouteStep> route(String feature, String workspace) {
    existingView(feature);
    return snapshot().route(feature, level(workspace));
  }

  /**
   * Replaces a feature's route at one level; an empty list removes the level's route, so the next
   * level decides.
   */
  @Transactional
  public List<RouteStep> assign(
      String actor, String feature, String workspace, List<RouteStep> steps) {
    existing(feature);
    String level = level(workspace);
    List<RouteStep> list = steps == null ? List.of() : steps;
    if (list.size() > MAX_STEPS) {
      throw new InvalidRequestException(
          "steps", "A route has at most " + MAX_STEPS + " deployments.");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      RouteStep s = list.get(i);
      String field = "steps[" + i + "]";
      if (s == null || s.integrationId() == null || s.modelId() == null) {
        throw new InvalidRequestException(field, "Each step names an integrationId and a modelId.");
      }
      if (s.position() < 0 || (s.weight() != null && (s.weight() < 0 || s.weight() > 1000))) {
        throw new InvalidRequestException(
            field, "position must be 0 or more and weight between 0 and 1000.");
      }
      if (!seen.add(s.integrationId() + "/" + s.modelId())) {
        throw new InvalidRequestException(field, "This deployment is already in the route.");
      }
      if (integrations.find(s.integrationId()).isEmpty()) {
        throw new InvalidRequestException(
            field + ".integrationId", "No integration has the id '" + s.integrationId() + "'.");
      }
      if (integrations.model(s.integrationId(), s.modelId()).isEmpty()) {
        throw new InvalidRequestException(
            field + ".modelId",
            "The integration has no model '" + s.modelId() + "': add it to the integration first.");
      }
    }
    em.createQuery("DELETE FROM FeatureRoute r WHERE r.featureName = :n AND r.workspace = :w")
        .setParameter("n", feature)
        .setParameter("w", level)
        .executeUpdate();
    List<RouteStep> ordered =
        list.stream().sorted(Comparator.comparingInt(RouteStep::position)).toList();
    for (RouteStep s : ordered) {
      em.persist(new FeatureRoute(UUID.randomUUID().toString(), feature, level, s));
    }
    audit.record(
        actor,
        "feature.route.assigned",
        "feature",
        feature,
        ORGANIZATION.equals(level) ? null : level,
        Map.of(
            "level",
            level,
            "steps",
            ordered.stream()
                .map(s -> s.position() + ":" + s.integrationId() + "/" + s.modelId())
                .collect(Collectors.joining(", "))));
    invalidate();
    return ordered;
  }

  public Optional<DefaultsView> defaults(String workspace) {
    return Optional.ofNullable(snapshot().defaults().get(level(workspace)));
  }

  @Transactional
  public DefaultsView setDefaults(String actor, String workspace, DefaultsDraft d) {
    String level = level(workspace);
    if (d == null) {
      throw new InvalidRequestException(null, "The request body is required.");
    }
    if ((d.providerId() == null) != (d.modelId() == null)) {
      throw new InvalidRequestException(
          d.providerId() == null ? "providerId" : "modelId",
          "A default model names both providerId and modelId, or neither.");
    }
    if (d.temperature() != null && (d.temperature() < 0 || d.temperature() > 2)) {
      throw new InvalidRequestException("temperature", "temperature is between 0 and 2.");
    }
    if (d.maxTokens() != null && (d.maxTokens() < 1 || d.maxTokens() > 1_000_000)) {
      throw new InvalidRequestException("maxTokens", "maxTokens is between 1 and 1000000.");
    }
    RoutingDefault row = em.find(RoutingDefault.class, level);
    if (row == null) {
      row = new RoutingDefault(level);
      row.apply(d, actor, now());
      em.persist(row);
    } else {
      row.apply(d, actor, now());
    }
    Map<String, Object> details = new HashMap<>();
    details.put("level", level);
    details.put("model", d.providerId() == null ? "" : d.providerId() + "/" + d.modelId());
    details.put("temperature", String.valueOf(d.temperature()));
    details.put("maxTokens", String.valueOf(d.maxTokens()));
    audit.record(
        actor,
        "routing.defaults.set",
        "routing-defaults",
        level,
        ORGANIZATION.equals(level) ? null : level,
        details);
    invalidate();
    return row.view();
  }

  @Transactional
  public void clearDefaults(String actor, String workspace) {
    String level = level(workspace);
    RoutingDefault row = em.find(RoutingDefault.class, level);
    if (row != null) {
      em.remove(row);
      audit.record(
          actor,
          "routing.defaults.cleared",
          "routing-defaults",
          level,
          ORGANIZATION.equals(level) ? null : level,
          Map.of("level", level));
    }
    invalidate();
  }

  /**
   * An integration was deleted or reset: its deployments leave every route (visibly, in the audit
   * trail), so features fall back to the next deployment or level instead of failing.
   */
  @Transactional
  void onIntegrationRemoved(@Observes IntegrationRemoved removed) {
    List<FeatureRoute> rows =
        em.createQuery(
                "SELECT r FROM FeatureRoute r WHERE r.integrationId = :i", FeatureRoute.class)
            .setParameter("i", removed.integrationId())
            .getResultList();
    for (FeatureRoute r : rows) {
      em.remove(r);
      audit.record(
          "system",
          "feature.route.unassigned",
          "feature",
          r.featureName,
          ORGANIZATION.equals(r.workspace) ? null : r.workspace,
          Map.of(
              "level",
              r.workspace,
              "integrationId",
              r.integrationId,
              "modelId",
              r.modelId,
              "reason",
              removed.reset() ? "integration reset" : "integration deleted"));
    }
    invalidate();
  }

  private Feature existing(String name) {
    Feature f = name == null ? null : em.find(Feature.class, name);
    if (f == null) {
      throw new FeatureNotFoundException(name);
    }
    return f;
  }

  private FeatureView existingView(String name) {
    return find(name).orElseThrow(() -> new FeatureNotFoundException(name));
  }

  private static FeatureDraft validated(FeatureDraft d) {
    if (d == null) {
      throw new InvalidRequestException(null, "The request body is required.");
    }
    if (d.description() != null && d.description().length() > 1000) {
      throw new InvalidRequestException("description", "description is at most 1000 characters.");
    }
    for (String[] t :
        new String[][] {{"systemPrompt", d.systemPrompt()}, {"userTemplate", d.userTemplate()}}) {
      if (t[1] != null && t[1].length() > 16000) {
        throw new InvalidRequestException(t[0], t[0] + " is at most 16000 characters.");
      }
    }
    try {
      PromptTemplate.of(d.systemPrompt(), d.userTemplate());
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      throw new InvalidRequestException(msg.substring(0, msg.indexOf(':')), msg);
    }
    if (d.cacheTtlSeconds() != null
        && (d.cacheTtlSeconds() < 0 || d.cacheTtlSeconds() > MAX_CACHE_TTL_SECONDS)) {
      throw new InvalidRequestException(
          "cacheTtlSeconds",
          "cacheTtlSeconds is between 0 (no cache) and " + MAX_CACHE_TTL_SECONDS + ".");
    }
    if (d.cacheMaxEntries() != null
        && (d.cacheMaxEntries() < 1 || d.cacheMaxEntries() > MAX_CACHE_ENTRIES)) {
      throw new InvalidRequestException(
          "cacheMaxEntries", "cacheMaxEntries is between 1 and " + MAX_CACHE_ENTRIES + ".");
    }
    return d;
  }

  private static Map<String, Object> auditDetails(FeatureDraft d) {
    Map<String, Object> m = new HashMap<>();
    m.put("systemPromptChars", d.systemPrompt() == null ? 0 : d.systemPrompt().length());
    m.put("userTemplateChars", d.userTemplate() == null ? 0 : d.userTemplate().length());
    m.put("cacheTtlSeconds", d.cacheTtlSeconds() == null ? 0 : d.cacheTtlSeconds());
    return m;
  }

  static String level(String workspace) {
    if (workspace == null || workspace.isBlank() || ORGANIZATION.equals(workspace)) {
      return ORGANIZATION;
    }
    if (workspace.length() > 100) {
      throw new InvalidRequestException("workspace", "A workspace name is at most 100 characters.");
    }
    return workspace;
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }
}
