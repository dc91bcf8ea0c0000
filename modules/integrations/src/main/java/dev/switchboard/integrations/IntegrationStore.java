package dev.switchboard.integrations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Integrations, their models and test history in {@code sb_integration*} tables. */
@ApplicationScoped
public class IntegrationStore {

  @PersistenceContext(unitName = "switchboard-integrations")
  EntityManager em;

  @Transactional
  public Optional<Integration> find(String id) {
    return Optional.ofNullable(em.find(Integration.class, id));
  }

  @Transactional
  public List<Integration> list(String ownerOrNullForAll) {
    if (ownerOrNullForAll == null) {
      return em.createQuery("SELECT i FROM Integration i ORDER BY i.name", Integration.class)
          .getResultList();
    }
    return em.createQuery(
            "SELECT i FROM Integration i WHERE i.owner = :owner ORDER BY i.name", Integration.class)
        .setParameter("owner", ownerOrNullForAll)
        .getResultList();
  }

  @Transactional
  public boolean nameTaken(String workspace, String name, String exceptId) {
    return !em.createQuery(
            "SELECT i.id FROM Integration i WHERE i.workspace = :w AND LOWER(i.name) = :n"
                + " AND i.id <> :id",
            String.class)
        .setParameter("w", workspace)
        .setParameter("n", name.trim().toLowerCase(java.util.Locale.ROOT))
        .setParameter("id", exceptId == null ? "" : exceptId)
        .getResultList()
        .isEmpty();
  }

  @Transactional
  public List<IntegrationModel> models(String integrationId) {
    return em.createQuery(
            "SELECT m FROM IntegrationModel m WHERE m.integrationId = :id ORDER BY m.modelId",
            IntegrationModel.class)
        .setParameter("id", integrationId)
        .getResultList();
  }

  /** A custom endpoint's wire (request template, response mapping), if the integration has one. */
  @Transactional
  public Optional<CustomLlm> customLlm(String integrationId) {
    return Optional.ofNullable(em.find(CustomLlm.class, integrationId));
  }

  @Transactional
  public Optional<IntegrationModel> model(String integrationId, String modelId) {
    return em
        .createQuery(
            "SELECT m FROM IntegrationModel m WHERE m.integrationId = :id AND m.modelId = :model",
            IntegrationModel.class)
        .setParameter("id", integrationId)
        .setParameter("model", modelId)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** Every integration and every model, for {@link RuntimeDeployments}' snapshot. */
  @Transactional
  public List<IntegrationModel> allModels() {
    return em.createQuery("SELECT m FROM IntegrationModel m", IntegrationModel.class)
        .getResultList();
  }

  @Transactional
  public List<ConnectionTestRecord> tests(String integrationId, int limit) {
    return em.createQuery(
            "SELECT t FROM ConnectionTestRecord t WHERE t.integrationId = :id"
                + " ORDER BY t.testedAt DESC, t.id DESC",
            ConnectionTestRecord.class)
        .setParameter("id", integrationId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Must run inside the caller's transaction, so the change and its audit commit together. */
  @Transactional(Transactional.TxType.MANDATORY)
  public <T> T persist(T entity) {
    em.persist(entity);
    return entity;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Integration merge(Integration integration) {
    return em.merge(integration);
  }

  /**
   * Removes the integration's models, test history and bring-your-own wire, and with {@code self}
   * the row itself.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void removeConfiguration(String integrationId, boolean self) {
    dev.switchboard.platform.config.ConfigVersion.changed();
    em.createQuery("DELETE FROM IntegrationModel m WHERE m.integrationId = :id")
        .setParameter("id", integrationId)
        .executeUpdate();
    em.createQuery("DELETE FROM ConnectionTestRecord t WHERE t.integrationId = :id")
        .setParameter("id", integrationId)
        .executeUpdate();
    em.createQuery("DELETE FROM CustomLlm c WHERE c.integrationId = :id")
        .setParameter("id", integrationId)
        .executeUpdate();
    if (self) {
      em.createQuery("DELETE FROM Integration i WHERE i.id = :id")
          .setParameter("id", integrationId)
          .executeUpdate();
    }
  }
}
