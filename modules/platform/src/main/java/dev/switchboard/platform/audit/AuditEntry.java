package dev.switchboard.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One audited change. Immutable once written. */
@Entity
@Table(name = "sb_audit_entry")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  /** UTC. */
  @Column(name = "occurred_at", nullable = false)
  private LocalDateTime occurredAt;

  @Column(name = "actor", nullable = false, length = 100)
  private String actor;

  @Column(name = "action", nullable = false, length = 50)
  private String action;

  @Column(name = "object_type", nullable = false, length = 50)
  private String objectType;

  @Column(name = "object_id", length = 100)
  private String objectId;

  @Column(name = "workspace", length = 100)
  private String workspace;

  /** What changed, as JSON; secrets are masked before they reach the trail. */
  @Column(name = "details", length = 4000)
  private String details;

  protected AuditEntry() {}

  AuditEntry(
      Instant occurredAt,
      String actor,
      String action,
      String objectType,
      String objectId,
      String workspace,
      String details) {
    this.occurredAt = LocalDateTime.ofInstant(occurredAt, ZoneOffset.UTC);
    this.actor = actor;
    this.action = action;
    this.objectType = objectType;
    this.objectId = objectId;
    this.workspace = workspace;
    this.details = details;
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt.toInstant(ZoneOffset.UTC);
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getObjectType() {
    return objectType;
  }

  public String getObjectId() {
    return objectId;
  }

  public String getWorkspace() {
    return workspace;
  }

  public String getDetails() {
    return details;
  }
}
