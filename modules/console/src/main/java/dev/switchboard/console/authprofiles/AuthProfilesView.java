package dev.switchboard.console.authprofiles;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.auth.AuthKind;
import dev.switchboard.integrations.auth.AuthProfileDraft;
import dev.switchboard.integrations.auth.AuthProfileNotFoundException;
import dev.switchboard.integrations.auth.AuthProfileView;
import dev.switchboard.integrations.auth.AuthProfiles;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Base64;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.primefaces.event.FileUploadEvent;

/**
 * Auth profiles of every kind through {@link AuthProfiles}, as {@code /api/v1/auth-profiles}: list
 * with the integrations using each, create, edit (secrets and keytabs write-only: empty keeps
 * them), delete (refused while in use, the service's message shown).
 */
@Named
@ViewScoped
public class AuthProfilesView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AuthProfiles profiles;
  @Inject ConsoleCaller callers;

  private List<AuthProfileView> rows;

  private String editingId;
  private boolean secretStored;
  private boolean keytabStored;
  private String name;
  private AuthKind kind = AuthKind.BEARER;
  private String headerName;
  private String username;
  private String secret;
  private String tokenEndpoint;
  private String scope;
  private String audience;
  private String keytab;
  private String keytabFileName;
  private String realm;
  private String kdc;

  @PostConstruct
  void load() {
    rows = profiles.list(callers.caller());
  }

  public void startNew() {
    editingId = null;
    secretStored = false;
    keytabStored = false;
    name = null;
    kind = AuthKind.BEARER;
    headerName = null;
    username = null;
    tokenEndpoint = null;
    scope = null;
    audience = null;
    realm = null;
    kdc = null;
    clearWriteOnly();
  }

  public void startEdit(String id) {
    try {
      AuthProfileView p = profiles.get(callers.caller(), id);
      editingId = p.id();
      secretStored = p.secretStored();
      keytabStored = p.keytabStored();
      name = p.name();
      kind = p.kind();
      headerName = p.headerName();
      username = p.username();
      tokenEndpoint = p.tokenEndpoint();
      scope = p.scope();
      audience = p.audience();
      realm = p.realm();
      kdc = p.kdc();
      clearWriteOnly();
    } catch (AuthProfileNotFoundException e) {
      Messages.error(e.getMessage());
    }
  }

  private void clearWriteOnly() {
    secret = null;
    keytab = null;
    keytabFileName = null;
  }

  /** A keytab chosen in the dialog: kept (base64) until the profile is saved. */
  public void keytabUploaded(FileUploadEvent event) {
    keytab = Base64.getEncoder().encodeToString(event.getFile().getContent());
    keytabFileName = event.getFile().getFileName();
  }

  public void save() {
    AuthProfileDraft d =
        new AuthProfileDraft(
            name,
            kind,
            blankToNull(headerName),
            blankToNull(username),
            blankToNull(secret),
            blankToNull(tokenEndpoint),
            blankToNull(scope),
            blankToNull(audience),
            keytab,
            blankToNull(realm),
            blankToNull(kdc));
    try {
      AuthProfileView p =
          editingId == null
              ? profiles.create(callers.caller(), d)
              : profiles.update(callers.caller(), editingId, d);
      Messages.info("Auth profile " + p.name() + (editingId == null ? " created" : " saved"));
      clearWriteOnly();
      PrimeFaces.current().executeScript("PF('profile').hide()");
      load();
    } catch (InvalidRequestException e) {
      Messages.invalid("profile-form", e);
    } catch (AuthProfileNotFoundException e) {
      Messages.error(e.getMessage());
    }
  }

  /** Deletes a profile; one in use is refused by the service, which names the integrations. */
  public void delete(String id) {
    try {
      AuthProfileView p = profiles.get(callers.caller(), id);
      profiles.delete(callers.caller(), id);
      Messages.info("Auth profile " + p.name() + " deleted");
    } catch (InvalidRequestException e) {
      Messages.error("Not deleted: " + e.getMessage());
    } catch (AuthProfileNotFoundException e) {
      Messages.error(e.getMessage());
    }
    load();
  }

  /** The profile's settings that are not secret, in a line. */
  public String settings(AuthProfileView p) {
    return switch (p.kind()) {
      case NONE -> "no credential";
      case API_KEY -> "header " + p.headerName();
      case BEARER -> "Authorization: Bearer";
      case BASIC -> "user " + p.username();
      case OAUTH2_CLIENT_CREDENTIALS ->
          "client "
              + p.username()
              + " at "
              + p.tokenEndpoint()
              + (p.scope() == null ? "" : ", scope " + p.scope());
      case KERBEROS_SPNEGO -> p.username() + (p.kdc() == null ? "" : ", KDC " + p.kdc());
    };
  }

  /** How the list shows the write-only credential: masked, or what is missing. */
  public String credential(AuthProfileView p) {
    if (p.keytabStored()) {
      return "keytab ••••";
    }
    return p.secretStored() ? "••••••••" : "none";
  }

  public String usedBy(AuthProfileView p) {
    return p.usedBy().isEmpty() ? "not used" : String.join(", ", p.usedBy());
  }

  /** A kind's name as people say it. */
  public String kindLabel(AuthKind k) {
    return switch (k) {
      case NONE -> "None";
      case API_KEY -> "API key header";
      case BEARER -> "Bearer token";
      case BASIC -> "Basic";
      case OAUTH2_CLIENT_CREDENTIALS -> "OAuth 2.0 client credentials";
      case KERBEROS_SPNEGO -> "Kerberos SPNEGO";
    };
  }

  /** What the secret field holds for the kind. */
  public String getSecretLabel() {
    return switch (kind) {
      case API_KEY -> "API key";
      case BEARER -> "Token";
      case BASIC, KERBEROS_SPNEGO -> "Password";
      case OAUTH2_CLIENT_CREDENTIALS -> "Client secret";
      case NONE -> "";
    };
  }

  public AuthKind[] getKinds() {
    return AuthKind.values();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public List<AuthProfileView> getRows() {
    return rows;
  }

  public boolean isEditing() {
    return editingId != null;
  }

  public boolean isSecretStored() {
    return secretStored;
  }

  public boolean isKeytabStored() {
    return keytabStored;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public AuthKind getKind() {
    return kind;
  }

  public void setKind(AuthKind kind) {
    this.kind = kind;
  }

  public String getHeaderName() {
    return headerName;
  }

  public void setHeaderName(String headerName) {
    this.headerName = headerName;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public String getTokenEndpoint() {
    return tokenEndpoint;
  }

  public void setTokenEndpoint(String tokenEndpoint) {
    this.tokenEndpoint = tokenEndpoint;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getKeytabFileName() {
    return keytabFileName;
  }

  public String getRealm() {
    return realm;
  }

  public void setRealm(String realm) {
    this.realm = realm;
  }

  public String getKdc() {
    return kdc;
  }

  public void setKdc(String kdc) {
    this.kdc = kdc;
  }
}
