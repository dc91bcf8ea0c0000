package dev.switchboard.integrations.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/**
 * An auth profile. The secret (API key, token, password, client secret) and the keytab are stored
 * only sealed, with the row id and column in the seal, so they cannot be swapped between rows. Its
 * fields change only through its methods (EclipseLink weaving).
 */
@Entity
@jakarta.persistence.EntityListeners(dev.switchboard.platform.config.ConfigChanges.class)
@Table(name = "sb_auth_profile")
public class AuthProfile {

  static final String TABLE = "sb_auth_profile";
  static final String SECRET = "secret";
  static final String KEYTAB = "keytab";

  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "name", nullable = false, length = 100)
  String name;

  @Column(name = "workspace", nullable = false, length = 100)
  String workspace;

  @Column(name = "owner", nullable = false, length = 100)
  String owner;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 40)
  AuthKind kind;

  @Column(name = "header_name", length = 100)
  String headerName;

  /** The basic user, the OAuth 2.0 client id, or the Kerberos principal. */
  @Column(name = "username", length = 300)
  String username;

  @Column(name = "token_endpoint", length = 2000)
  String tokenEndpoint;

  @Column(name = "scope", length = 1000)
  String scope;

  @Column(name = "audience", length = 1000)
  String audience;

  @Column(name = "realm", length = 200)
  String realm;

  @Column(name = "kdc", length = 300)
  String kdc;

  @Column(name = "secret", length = 4000)
  String secretSealed;

  /** The Kerberos keytab, base64, sealed. */
  @Column(name = "keytab", length = 16000)
  String keytabSealed;

  @Column(name = "created_at", nullable = false)
  LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  long version;

  protected AuthProfile() {}

  AuthProfile(String id, String owner, String workspace, LocalDateTime now) {
    this.id = id;
    this.owner = owner;
    this.workspace = workspace;
    this.createdAt = now;
  }

  /**
   * Sets every field from a checked draft; a {@code null} sealed value keeps the stored one unless
   * the kind changed (then it is dropped: a secret of another kind means nothing).
   */
  void configure(AuthProfileDraft d, String sealedSecret, String sealedKeytab, LocalDateTime now) {
    boolean kindChanged = kind != null && kind != d.kind();
    name = d.name().trim();
    kind = d.kind();
    headerName = AuthProfileRules.trimmed(d.headerName());
    username = AuthProfileRules.trimmed(d.username());
    tokenEndpoint = AuthProfileRules.trimmed(d.tokenEndpoint());
    scope = AuthProfileRules.trimmed(d.scope());
    audience = AuthProfileRules.trimmed(d.audience());
    realm = AuthProfileRules.trimmed(d.realm());
    kdc = AuthProfileRules.trimmed(d.kdc());
    if (sealedSecret != null || kindChanged) {
      secretSealed = sealedSecret;
    }
    if (sealedKeytab != null || kindChanged) {
      keytabSealed = sealedKeytab;
    }
    if (kind == AuthKind.KERBEROS_SPNEGO) {
      // one Kerberos credential at a time: a keytab kept beside a new password would win
      if (sealedKeytab != null && sealedSecret == null) {
        secretSealed = null;
      } else if (sealedSecret != null && sealedKeytab == null) {
        keytabSealed = null;
      }
    }
    updatedAt = now;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public AuthKind kind() {
    return kind;
  }
}
