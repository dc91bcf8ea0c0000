package dev.switchboard.platform.apikeys;

import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.platform.config.ConfigVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, lists, verifies and revokes gateway API keys. A key is {@code sb-} followed by 32
 * URL-safe characters (192 random bits); it is returned once, at creation, and stored only as its
 * SHA-256 hash.
 */
@ApplicationScoped
public class ApiKeys {

  public static final String PREFIX = "sb-";
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "switchboard-platform")
  EntityManager em;

  @Inject AuditTrail audit;

  /** Creates a key; the answer holds the key itself, the only time it is shown. */
  @Transactional
  public ApiKeyView create(String actor, String workspace, ApiKeyDraft d) {
    return create(actor, workspace, d, generate());
  }

  /** A new random key, {@code sb-} and 32 URL-safe characters. */
  public static String generate() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * Makes sure a key the operator chose (e.g. the sandbox key from configuration) is valid in a
   * workspace: created with that value unless a key with it already exists.
   *
   * @return true when it was created now
   */
  @Transactional
  public boolean ensure(String actor, String workspace, String name, String key) {
    if (key == null || !key.startsWith(PREFIX) || key.length() < 20) {
      throw new IllegalArgumentException(
          "a gateway key starts with sb- and has 20 characters or more");
    }
    boolean exists =
        !em.createQuery("SELECT k.id FROM ApiKey k WHERE k.keyHash = :h", String.class)
            .setParameter("h", hash(key))
            .getResultList()
            .isEmpty();
    if (!exists) {
      create(actor, workspace, new ApiKeyDraft(name, workspace, null, null, null), key);
    }
    return !exists;
  }

  private ApiKeyView create(String actor, String workspace, ApiKeyDraft d, String key) {
    ApiKey k =
        new ApiKey(
            UUID.randomUUID().toString(),
            d,
            workspace,
            hash(key),
            key.substring(key.length() - 4),
            actor,
            now());
    em.persist(k);
    audit.record(
        actor,
        "api-key.created",
        "api-key",
        k.id,
        workspace,
        Map.of("name", k.name, "lastFour", k.lastFour));
    return view(k, key);
  }

  @Transactional
  public List<ApiKeyView> list(String workspaceOrNullForAll) {
    String jpql =
        "SELECT k FROM ApiKey k"
            + (workspaceOrNullForAll == null ? "" : " WHERE k.workspace = :w")
            + " ORDER BY k.createdAt DESC";
    var q = em.createQuery(jpql, ApiKey.class);
    if (workspaceOrNullForAll != null) {
      q.setParameter("w", workspaceOrNullForAll);
    }
    return q.getResultList().stream().map(k -> view(k, null)).toList();
  }

  /** Revokes a key of the given workspace ({@code null}: any); false when there is none. */
  @Transactional
  public boolean revoke(String actor, String id, String workspaceOrNullForAny) {
    ApiKey k = em.find(ApiKey.class, id);
    if (k == null
        || (workspaceOrNullForAny != null && !k.workspace.equals(workspaceOrNullForAny))) {
      return false;
    }
    if (k.revokedAt == null) {
      k.revoke(now());
      audit.record(
          actor,
          "api-key.revoked",
          "api-key",
          k.id,
          k.workspace,
          Map.of("name", k.name, "lastFour", k.lastFour));
    }
    return true;
  }

  /**
   * Revokes every key an account created (when a person leaves: the keys are the workspace's and
   * keep working otherwise).
   *
   * @return how many keys were revoked now
   */
  @Transactional
  public int revokeCreatedBy(String actor, String username) {
    List<ApiKey> created =
        em.createQuery(
                "SELECT k FROM ApiKey k WHERE k.createdBy = :u AND k.revokedAt IS NULL",
                ApiKey.class)
            .setParameter("u", username)
            .getResultList();
    created.forEach(k -> revoke(actor, k.id, null));
    return created.size();
  }

  /**
   * The caller a presented key speaks for, if it is known, not revoked and not expired: a hash
   * lookup in this server's snapshot of the keys, never a database read. The snapshot holds every
   * key that is not revoked, compiled once per configuration version ({@link ConfigVersion}):
   * revoking a key takes effect at once on this server and within the version poll interval on
   * every other; expiry is checked on every use. An unknown key costs no database read either.
   */
  public Optional<ApiKeyCaller> verify(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
      return Optional.empty();
    }
    Verified k = keys().byHash().get(hash(presented));
    return k != null && k.usableAt(now()) ? Optional.of(k.caller()) : Optional.empty();
  }

  /** The keys by hash at one configuration epoch. */
  private record KeySnapshot(long epoch, Map<String, Verified> byHash) {}

  /** A key that is not revoked, with its expiry. */
  private record Verified(ApiKeyCaller caller, LocalDateTime expiresAt) {
    boolean usableAt(LocalDateTime now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  private volatile KeySnapshot keys;

  @jakarta.annotation.PostConstruct
  void watch() {
    version.onChange(this::loadKeys);
  }

  private KeySnapshot keys() {
    KeySnapshot s = keys;
    if (s == null || s.epoch() != ConfigVersion.epoch()) {
      s = loadKeys();
    }
    return s;
  }

  private KeySnapshot loadKeys() {
    long epoch = ConfigVersion.epoch();
    Map<String, Verified> byHash = new java.util.HashMap<>();
    for (ApiKey k :
        em.createQuery("SELECT k FROM ApiKey k WHERE k.revokedAt IS NULL", ApiKey.class)
            .getResultList()) {
      byHash.put(
          k.keyHash,
          new Verified(
              new ApiKeyCaller(k.id, k.name, k.workspace, k.requestsPerMinute, k.tokensPerMinute),
              k.expiresAt));
    }
    KeySnapshot s = new KeySnapshot(epoch, Map.copyOf(byHash));
    synchronized (this) {
      KeySnapshot current = keys;
      if (current == null || current.epoch() <= epoch) {
        keys = s;
      }
    }
    return s;
  }

  @Inject ConfigVersion version;

  private static ApiKeyView view(ApiKey k, String key) {
    return new ApiKeyView(
        k.id,
        k.name,
        k.workspace,
        key,
        k.lastFour,
        k.createdBy,
        instant(k.createdAt),
        instant(k.expiresAt),
        instant(k.revokedAt),
        k.requestsPerMinute,
        k.tokensPerMinute);
  }

  /** One digest per thread: looking the algorithm up for every presented key showed in profiles. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available", e);
            }
          });

  static String hash(String key) {
    MessageDigest sha256 = SHA_256.get();
    sha256.reset();
    return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
