package dev.switchboard.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records and reads audited changes. {@link #record} joins the caller's transaction, so a change
 * and its audit entry commit or roll back together.
 */
@ApplicationScoped
public class AuditTrail {

  private static final int MAX_DETAILS = 4000;
  private static final Jsonb JSONB = JsonbBuilder.create();

  @PersistenceContext(unitName = "switchboard-platform")
  EntityManager em;

  /**
   * Records a change. {@code details} must already have secrets masked; values are stored as JSON.
   */
  @Transactional
  public AuditEntry record(
      String actor,
      String action,
      String objectType,
      String objectId,
      String workspace,
      Map<String, ?> details) {
    String json =
        details == null || details.isEmpty() ? null : JSONB.toJson(new TreeMap<>(details));
    if (json != null && json.length() > MAX_DETAILS) {
      json = json.substring(0, MAX_DETAILS - 1) + "…";
    }
    AuditEntry entry =
        new AuditEntry(Instant.now(), actor, action, objectType, objectId, workspace, json);
    em.persist(entry);
    return entry;
  }

  /** Entries matching the query, newest first. */
  @Transactional
  public List<AuditEntry> find(AuditQuery q) {
    Map<String, Object> params = new TreeMap<>();
    String where = where(q, params);
    TypedQuery<AuditEntry> query =
        em.createQuery(
            "SELECT a FROM AuditEntry a" + where + " ORDER BY a.occurredAt DESC, a.id DESC",
            AuditEntry.class);
    params.forEach(query::setParameter);
    return new ArrayList<>(
        query.setFirstResult(q.offset()).setMaxResults(q.limit()).getResultList());
  }

  /** How many entries match the query's filters (offset and limit aside), for paging. */
  @Transactional
  public long count(AuditQuery q) {
    Map<String, Object> params = new TreeMap<>();
    TypedQuery<Long> query =
        em.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where(q, params), Long.class);
    params.forEach(query::setParameter);
    return query.getSingleResult();
  }

  private static String where(AuditQuery q, Map<String, Object> params) {
    StringBuilder jpql = new StringBuilder(" WHERE 1 = 1");
    filter(jpql, params, "actor", q.actor());
    filter(jpql, params, "action", q.action());
    filter(jpql, params, "objectType", q.objectType());
    filter(jpql, params, "objectId", q.objectId());
    if (q.from() != null) {
      jpql.append(" AND a.occurredAt >= :from");
      params.put("from", LocalDateTime.ofInstant(q.from(), ZoneOffset.UTC));
    }
    if (q.to() != null) {
      jpql.append(" AND a.occurredAt < :to");
      params.put("to", LocalDateTime.ofInstant(q.to(), ZoneOffset.UTC));
    }
    return jpql.toString();
  }

  private static void filter(
      StringBuilder jpql, Map<String, Object> params, String field, String value) {
    if (value != null && !value.isBlank()) {
      jpql.append(" AND a.").append(field).append(" = :").append(field);
      params.put(field, value);
    }
  }
}
