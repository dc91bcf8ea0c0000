package dev.switchboard.platform.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** A console and admin API account. The password is only ever stored as a PBKDF2 hash. */
@Entity
@Table(name = "sb_account")
public class Account {

  @Id
  @Column(name = "username", length = 100)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 200)
  private String passwordHash;

  /** Comma-separated role names. */
  @Column(name = "roles", nullable = false, length = 200)
  private String roles;

  @Column(name = "enabled", nullable = false)
  private boolean enabled;

  @Column(name = "workspace", nullable = false, length = 100)
  private String workspace;

  /** UTC; JPA 3.1 maps LocalDateTime but not Instant. */
  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected Account() {}

  public Account(String username, String passwordHash, Set<String> roles, Instant createdAt) {
    this(username, passwordHash, roles, "default", createdAt);
  }

  public Account(
      String username,
      String passwordHash,
      Set<String> roles,
      String workspace,
      Instant createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = String.join(",", roles);
    this.enabled = true;
    this.workspace = workspace;
    this.createdAt = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Set<String> roles() {
    Set<String> set = new LinkedHashSet<>();
    Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(set::add);
    return set;
  }

  /** The workspace the account works in; what it creates belongs there. */
  public String workspace() {
    return workspace;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Enables or disables the account: a disabled one cannot sign in, and loses its sessions. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Replaces the account's roles; the caller checks they are among {@link Roles#ALL}. */
  public void setRoles(Set<String> roles) {
    this.roles = String.join(",", roles);
  }

  public Instant createdAt() {
    return createdAt.toInstant(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "Account[" + username + ", roles=" + roles + "]";
  }
}
