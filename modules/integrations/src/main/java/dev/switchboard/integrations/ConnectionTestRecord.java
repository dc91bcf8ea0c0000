package dev.switchboard.integrations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One connection test in an integration's history. The message is sanitized; times are UTC. */
@Entity
@Table(name = "sb_connection_test")
public class ConnectionTestRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  Long id;

  @Column(name = "integration_id", nullable = false, length = 36)
  String integrationId;

  @Column(name = "tested_at", nullable = false)
  LocalDateTime testedAt;

  @Column(name = "tested_by", nullable = false, length = 100)
  String testedBy;

  @Column(name = "success", nullable = false)
  boolean success;

  @Column(name = "reachable", nullable = false)
  boolean reachable;

  @Column(name = "authenticated", nullable = false)
  boolean authenticated;

  @Column(name = "model_accessible", nullable = false)
  boolean modelAccessible;

  @Column(name = "model", length = 200)
  String model;

  @Column(name = "models_listed")
  Integer modelsListed;

  @Column(name = "latency_ms", nullable = false)
  long latencyMillis;

  @Column(name = "error_category", length = 40)
  String errorCategory;

  @Column(name = "message", length = 1000)
  String message;

  protected ConnectionTestRecord() {}

  ConnectionTestRecord(String integrationId, String testedBy, ConnectionTestView v) {
    this.integrationId = integrationId;
    this.testedAt = LocalDateTime.ofInstant(v.testedAt(), ZoneOffset.UTC);
    this.testedBy = testedBy;
    this.success = v.success();
    this.reachable = v.reachable();
    this.authenticated = v.authenticated();
    this.modelAccessible = v.modelAccessible();
    this.model = v.model();
    this.modelsListed = v.modelsListed();
    this.latencyMillis = v.latencyMillis();
    this.errorCategory = v.errorCategory();
    this.message = v.message();
  }

  ConnectionTestView view() {
    return new ConnectionTestView(
        testedAt.toInstant(ZoneOffset.UTC),
        testedBy,
        success,
        reachable,
        authenticated,
        modelAccessible,
        model,
        modelsListed,
        latencyMillis,
        errorCategory,
        message);
  }
}
