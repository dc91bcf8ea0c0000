package dev.switchboard.integrations;

import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.providers.ProviderDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin-added OpenAI-compatible providers: stored as data and served by the OpenAI adapter, so a
 * new service behind an OpenAI-compatible API needs no code change.
 */
@ApplicationScoped
public class CustomProviders {

  @PersistenceContext(unitName = "switchboard-integrations")
  EntityManager em;

  @Inject AuditTrail audit;

  @Transactional
  public List<ProviderDescriptor> list() {
    return em
        .createQuery("SELECT p FROM CustomProvider p ORDER BY p.displayName", CustomProvider.class)
        .getResultList()
        .stream()
        .map(CustomProvider::descriptor)
        .toList();
  }

  @Transactional
  public Optional<ProviderDescriptor> find(String id) {
    return Optional.ofNullable(em.find(CustomProvider.class, id)).map(CustomProvider::descriptor);
  }

  /** Adds a provider; admins only (the web layer checks the role). */
  @Transactional
  public ProviderDescriptor add(String actor, CustomProviderDraft d, boolean idTakenByBuiltIn) {
    if (d == null || d.id() == null || !d.id().matches("[a-z0-9][a-z0-9-]{0,40}")) {
      throw new InvalidRequestException(
          "id", "id must be 1-41 lower-case letters, digits or dashes");
    }
    String id = ProviderDescriptor.CUSTOM_PREFIX + d.id();
    if (idTakenByBuiltIn || em.find(CustomProvider.class, id) != null) {
      throw new InvalidRequestException("id", "a provider " + id + " exists");
    }
    if (d.baseUrl() == null || d.baseUrl().isBlank()) {
      throw new InvalidRequestException("baseUrl", "baseUrl is required");
    }
    DraftRules.checkBaseUrl(d.baseUrl().trim());
    if (d.baseUrl().contains("{{")) {
      throw new InvalidRequestException(
          "baseUrl", "a provider's base URL cannot hold variables; an integration's can");
    }
    String name =
        d.displayName() == null || d.displayName().isBlank() ? id : d.displayName().trim();
    if (name.length() > 100) {
      throw new InvalidRequestException(
          "displayName", "displayName must be at most 100 characters");
    }
    CustomProvider p =
        new CustomProvider(
            id,
            name,
            d.baseUrl().trim(),
            d.listsModels() == null || d.listsModels(),
            actor,
            LocalDateTime.now(ZoneOffset.UTC));
    em.persist(p);
    audit.record(
        actor,
        "provider.created",
        "provider",
        id,
        null,
        Map.of("displayName", name, "baseUrl", p.baseUrl));
    return p.descriptor();
  }

  /** Removes a provider no integration uses. */
  @Transactional
  public void remove(String actor, String id) {
    CustomProvider p = em.find(CustomProvider.class, id);
    if (p == null) {
      throw new InvalidRequestException("id", "no custom provider " + id);
    }
    long used =
        em.createQuery("SELECT COUNT(i) FROM Integration i WHERE i.providerId = :id", Long.class)
            .setParameter("id", id)
            .getSingleResult();
    if (used > 0) {
      throw new InvalidRequestException(
          "id", used + " integration(s) use " + id + "; delete them first");
    }
    em.remove(p);
    audit.record(
        actor, "provider.deleted", "provider", id, null, Map.of("displayName", p.displayName));
  }
}
