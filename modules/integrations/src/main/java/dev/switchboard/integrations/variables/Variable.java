package dev.switchboard.integrations.variables;

import dev.switchboard.variables.VariableScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A stored variable. A secure one keeps its value only sealed ({@code secure_value}); a plain one
 * as text ({@code value}). Changed only through its own methods (woven change tracking).
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_variable")
public class Variable {

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "scope", nullable = false, length = 20)
  VariableScope scope;

  @Column(name = "name", nullable = false, length = 100)
  String name;

  @Column(name = "workspace", nullable = false, length = 100)
  String workspace;

  @Column(name = "secure", nullable = false)
  boolean secure;

  @Column(name = "value", length = 4000)
  String plainValue;

  @Column(name = "secure_value", length = 4000)
  String sealedValue;

  @Column(name = "description", length = 1000)
  String description;

  @Column(name = "created_by", nullable = false, length = 100)
  String createdBy;

  @Column(name = "created_at", nullable = false)
  LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  LocalDateTime updatedAt;

  protected Variable() {}

  Variable(
      String id,
      VariableScope scope,
      String name,
      String workspace,
      String createdBy,
      LocalDateTime now) {
    this.id = id;
    this.scope = scope;
    this.name = name;
    this.workspace = workspace;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Sets the value: sealed when secure (the caller seals), plain otherwise. */
  void value(boolean isSecure, String plainOrNull, String sealedOrNull, LocalDateTime now) {
    secure = isSecure;
    plainValue = isSecure ? null : plainOrNull;
    sealedValue = isSecure ? sealedOrNull : null;
    updatedAt = now;
  }

  void describe(String text, LocalDateTime now) {
    description = text;
    updatedAt = now;
  }

  public String reference() {
    return scope.prefix() + "." + name;
  }
}
