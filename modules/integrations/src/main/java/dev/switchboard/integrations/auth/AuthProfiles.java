package dev.switchboard.integrations.auth;

import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.NetworkPolicy;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.platform.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Auth profiles per workspace: admins manage every workspace's, users their own workspace's (the
 * rule of variables, since profiles are shared by the workspace's integrations). Secrets are
 * write-only and sealed; every change is audited without them. A profile in use cannot be deleted.
 */
@ApplicationScoped
public class AuthProfiles {

  @PersistenceContext(unitName = "switchboard-integrations")
  EntityManager em;

  @Inject SecretSealer sealer;
  @Inject AuditTrail audit;
  @Inject NetworkPolicy network;
  @Inject ProfileAuthCache cache;

  @Transactional
  public List<AuthProfileView> list(Caller caller) {
    String q = "SELECT p FROM AuthProfile p" + (caller.admin() ? "" : " WHERE p.workspace = :w");
    var query = em.createQuery(q + " ORDER BY p.name", AuthProfile.class);
    if (!caller.admin()) {
      query.setParameter("w", caller.workspace());
    }
    return query.getResultList().stream().map(this::view).toList();
  }

  @Transactional
  public AuthProfileView get(Caller caller, String id) {
    return view(visible(caller, id));
  }

  @Transactional
  public AuthProfileView create(Caller caller, AuthProfileDraft d) {
    AuthProfileRules.check(d, true);
    guardKdc(d);
    nameFree(caller.workspace(), d.name(), null);
    AuthProfile p =
        new AuthProfile(UUID.randomUUID().toString(), caller.username(), caller.workspace(), now());
    apply(p, d);
    em.persist(p);
    audit.record(
        caller.username(),
        "auth-profile.created",
        "auth-profile",
        p.id,
        p.workspace,
        details(p, d));
    return view(p);
  }

  @Transactional
  public AuthProfileView update(Caller caller, String id, AuthProfileDraft d) {
    AuthProfile p = visible(caller, id);
    boolean kindChanged = d.kind() != null && d.kind() != p.kind;
    if (!kindChanged) {
      AuthProfileRules.secretAgain(p, d);
    }
    AuthProfileRules.check(d, kindChanged);
    guardKdc(d);
    nameFree(p.workspace, d.name(), p.id);
    apply(p, d);
    em.merge(p);
    cache.forget(p.id);
    audit.record(
        caller.username(),
        "auth-profile.updated",
        "auth-profile",
        p.id,
        p.workspace,
        details(p, d));
    return view(p);
  }

  /** Deletes a profile no integration uses; otherwise refuses, naming the integrations. */
  @Transactional
  public void delete(Caller caller, String id) {
    AuthProfile p = visible(caller, id);
    List<String> users = usedBy(p.id);
    if (!users.isEmpty()) {
      throw new InvalidRequestException(
          "id",
          "the profile is used by the integrations "
              + String.join(", ", users)
              + ": detach it first");
    }
    em.remove(p);
    cache.forget(p.id);
    audit.record(
        caller.username(),
        "auth-profile.deleted",
        "auth-profile",
        p.id,
        p.workspace,
        Map.of("name", p.name));
  }

  /**
   * The profile a caller may attach to an integration of {@code workspace}.
   *
   * @throws InvalidRequestException on the {@code authProfileId} field when it is not visible or in
   *     another workspace
   */
  @Transactional
  public AuthProfile attachable(Caller caller, String id, String workspace) {
    AuthProfile p = em.find(AuthProfile.class, id);
    if (p == null
        || !(caller.admin() || p.workspace.equals(caller.workspace()))
        || !p.workspace.equals(workspace)) {
      throw new InvalidRequestException(
          "authProfileId", "no auth profile " + id + " in this workspace");
    }
    return p;
  }

  /** The profile with this id, for building calls (no caller: the router's own use). */
  @Transactional
  public AuthProfile find(String id) {
    AuthProfile p = em.find(AuthProfile.class, id);
    if (p == null) {
      throw new AuthProfileNotFoundException(id);
    }
    em.detach(p);
    return p;
  }

  /** Every profile's id and version, for the client cache after a configuration change. */
  @Transactional
  public Map<String, Long> versions() {
    Map<String, Long> versions = new java.util.HashMap<>();
    for (Object[] row :
        em.createQuery("SELECT p.id, p.version FROM AuthProfile p", Object[].class)
            .getResultList()) {
      versions.put((String) row[0], ((Number) row[1]).longValue());
    }
    return versions;
  }

  /**
   * A KDC is under the network guard like every address calls go to: what can be told without DNS
   * (an address literal, a reserved name) is refused here, the resolved address at each login.
   */
  private void guardKdc(AuthProfileDraft d) {
    if (d.kind() != AuthKind.KERBEROS_SPNEGO || AuthProfileRules.blank(d.kdc())) {
      return;
    }
    String kdc = d.kdc().trim();
    try {
      network.policy().check(java.net.URI.create("http://" + kdc + "/"));
    } catch (dev.switchboard.core.error.ProviderException e) {
      throw new InvalidRequestException("kdc", "the KDC is refused: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("kdc", "kdc must be host or host:port");
    }
  }

  private AuthProfile visible(Caller caller, String id) {
    AuthProfile p = id == null ? null : em.find(AuthProfile.class, id);
    if (p == null || !(caller.admin() || p.workspace.equals(caller.workspace()))) {
      throw new AuthProfileNotFoundException(id);
    }
    return p;
  }

  private void apply(AuthProfile p, AuthProfileDraft d) {
    String secret =
        AuthProfileRules.blank(d.secret())
            ? null
            : sealer.seal(d.secret().trim(), AuthProfile.TABLE, p.id, AuthProfile.SECRET);
    String keytab =
        AuthProfileRules.blank(d.keytab())
            ? null
            : sealer.seal(
                java.util.Base64.getEncoder().encodeToString(AuthProfileRules.keytab(d.keytab())),
                AuthProfile.TABLE,
                p.id,
                AuthProfile.KEYTAB);
    p.configure(d, secret, keytab, now());
  }

  private void nameFree(String workspace, String name, String exceptId) {
    boolean taken =
        !em.createQuery(
                "SELECT p.id FROM AuthProfile p WHERE p.workspace = :w AND LOWER(p.name) = :n AND p.id <> :id",
                String.class)
            .setParameter("w", workspace)
            .setParameter("n", name.trim().toLowerCase(java.util.Locale.ROOT))
            .setParameter("id", exceptId == null ? "" : exceptId)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw new InvalidRequestException("name", "an auth profile with this name exists");
    }
  }

  private List<String> usedBy(String id) {
    return em.createQuery(
            "SELECT i.name FROM Integration i WHERE i.authProfileId = :id ORDER BY i.name",
            String.class)
        .setParameter("id", id)
        .getResultList();
  }

  private AuthProfileView view(AuthProfile p) {
    return new AuthProfileView(
        p.id,
        p.name,
        p.kind,
        p.owner,
        p.workspace,
        p.headerName,
        p.username,
        p.tokenEndpoint,
        p.scope,
        p.audience,
        p.realm,
        p.kdc,
        p.secretSealed != null,
        p.keytabSealed != null,
        usedBy(p.id),
        p.createdAt.toInstant(ZoneOffset.UTC),
        p.updatedAt.toInstant(ZoneOffset.UTC));
  }

  private static Map<String, Object> details(AuthProfile p, AuthProfileDraft d) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", p.name);
    details.put("kind", p.kind.name());
    if (p.tokenEndpoint != null) {
      details.put("tokenEndpoint", p.tokenEndpoint);
    }
    if (p.realm != null) {
      details.put("realm", p.realm);
    }
    details.put("secretChanged", !AuthProfileRules.blank(d.secret()));
    details.put("keytabChanged", !AuthProfileRules.blank(d.keytab()));
    return details;
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
