package dev.switchboard.platform.apikeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A gateway API key. Only its hash is stored; {@code prefix} and {@code lastFour} identify it. */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_api_key")
public class ApiKey {

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "name", nullable = false, length = 100)
  String name;

  @Column(name = "workspace", nullable = false, length = 100)
  String workspace;

  /** Hex SHA-256 of the whole key: the key has 192 random bits, so no slow hash is needed. */
  @Column(name = "key_hash", nullable = false, length = 64)
  String keyHash;

  @Column(name = "last_four", nullable = false, length = 4)
  String lastFour;

  @Column(name = "created_by", nullable = false, length = 100)
  String createdBy;

  @Column(name = "created_at", nullable = false)
  LocalDateTime createdAt;

  @Column(name = "expires_at")
  LocalDateTime expiresAt;

  @Column(name = "revoked_at")
  LocalDateTime revokedAt;

  @Column(name = "requests_per_minute")
  Integer requestsPerMinute;

  @Column(name = "tokens_per_minute")
  Integer tokensPerMinute;

  protected ApiKey() {}

  ApiKey(
      String id,
      ApiKeyDraft d,
      String workspace,
      String keyHash,
      String lastFour,
      String createdBy,
      LocalDateTime now) {
    this.id = id;
    this.name = d.name().trim();
    this.workspace = workspace;
    this.keyHash = keyHash;
    this.lastFour = lastFour;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.expiresAt =
        d.expiresAt() == null
            ? null
            : LocalDateTime.ofInstant(d.expiresAt(), java.time.ZoneOffset.UTC);
    this.requestsPerMinute = d.requestsPerMinute();
    this.tokensPerMinute = d.tokensPerMinute();
  }

  void revoke(LocalDateTime now) {
    revokedAt = now;
  }

  boolean usableAt(LocalDateTime now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
