package dev.switchboard.integrations.auth;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.providers.auth.RequestAuth;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The OAuth 2.0 clients and Kerberos logins kept between calls, so tokens and tickets are reused:
 * at most {@code maxEntries}, each dropped after {@code idle} without a call, one per profile (a
 * profile whose settings or variables resolve differently replaces its kept client), and none of a
 * profile version older than the newest seen. A dropped client is closed: its tokens and tickets
 * are destroyed.
 *
 * <p>Callers hold a <em>handle</em> (what an endpoint carries), never the client: each call asks
 * for the kept client by key and builds a new one if it was dropped, and a handle of an old profile
 * version is refused rather than sending the old credentials. Thread-safe.
 */
final class ProfileClients {

  private static final class Kept {
    final String profileId;
    final RequestAuth auth;
    long lastUse;

    Kept(String profileId, RequestAuth auth) {
      this.profileId = profileId;
      this.auth = auth;
    }
  }

  private final int maxEntries;
  private final long idleNanos;
  private final LongSupplier nanoClock;
  // access order: the eldest entry is the least recently used
  private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> newest = new HashMap<>();

  ProfileClients(int maxEntries, Duration idle, LongSupplier nanoClock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.idleNanos = idle.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * The handle of the client {@code factory} builds for one profile version and its resolved
   * settings ({@code key}).
   */
  RequestAuth handle(String profileId, long version, String key, Supplier<RequestAuth> factory) {
    synchronized (this) {
      newest.merge(profileId, version, Math::max);
    }
    return new Handle(profileId, version, key, factory);
  }

  /** The profile changed or went away on this server: its kept client goes. */
  void forget(String profileId) {
    List<RequestAuth> dropped = new ArrayList<>();
    synchronized (this) {
      kept.values()
          .removeIf(
              k -> {
                boolean mine = k.profileId.equals(profileId);
                if (mine) {
                  dropped.add(k.auth);
                }
                return mine;
              });
    }
    dropped.forEach(RequestAuth::close);
  }

  /**
   * The profiles' versions as the database holds them now (after a configuration change on any
   * server): clients of older versions and of profiles that are gone are dropped, and handles of
   * older versions are refused from now on.
   */
  void current(Map<String, Long> versions) {
    List<String> stale = new ArrayList<>();
    synchronized (this) {
      versions.forEach((id, v) -> newest.merge(id, v, Math::max));
      newest.keySet().retainAll(versions.keySet());
      kept.forEach(
          (key, k) -> {
            Long v = versions.get(k.profileId);
            if (v == null || versionOf(key) < v) {
              stale.add(k.profileId);
            }
          });
    }
    stale.stream().distinct().forEach(this::forget);
  }

  /** How many clients are kept. */
  synchronized int size() {
    return kept.size();
  }

  /** The kept client of a handle, built again if it was dropped. */
  private RequestAuth live(Handle h) {
    List<RequestAuth> dropped = new ArrayList<>();
    RequestAuth auth;
    synchronized (this) {
      if (h.version < newest.getOrDefault(h.profileId, h.version)) {
        throw ProviderException.builder(
                ErrorCategory.AUTHENTICATION,
                "the auth profile changed after this call was prepared: its old credentials are not"
                    + " used")
            .providerCode("auth_profile_changed")
            .retryable(true)
            .build();
      }
      long now = nanoClock.getAsLong();
      expire(now, dropped);
      Kept k = kept.get(h.key);
      if (k == null) {
        kept.values()
            .removeIf(
                o -> {
                  boolean same = o.profileId.equals(h.profileId);
                  if (same) {
                    dropped.add(o.auth);
                  }
                  return same;
                });
        k = new Kept(h.profileId, h.factory.get());
        kept.put(h.key, k);
        Iterator<Kept> eldest = kept.values().iterator();
        while (kept.size() > maxEntries && eldest.hasNext()) {
          dropped.add(eldest.next().auth);
          eldest.remove();
        }
      }
      k.lastUse = now;
      auth = k.auth;
    }
    dropped.forEach(RequestAuth::close);
    return auth;
  }

  private void expire(long now, List<RequestAuth> dropped) {
    Iterator<Kept> it = kept.values().iterator();
    while (it.hasNext()) {
      Kept k = it.next();
      if (now - k.lastUse < idleNanos) {
        return;
      }
      dropped.add(k.auth);
      it.remove();
    }
  }

  /** Keys are {@code id:version:digest}. */
  private static long versionOf(String key) {
    String[] parts = key.split(":", 3);
    return parts.length < 2 ? Long.MIN_VALUE : Long.parseLong(parts[1]);
  }

  /** What an endpoint carries: asks for the kept client on every call. */
  private final class Handle implements RequestAuth {
    final String profileId;
    final long version;
    final String key;
    final Supplier<RequestAuth> factory;

    Handle(String profileId, long version, String key, Supplier<RequestAuth> factory) {
      this.profileId = profileId;
      this.version = version;
      this.key = key;
      this.factory = factory;
    }

    @Override
    public Map<String, String> headers(URI target) {
      return live(this).headers(target);
    }

    @Override
    public boolean renewAfterUnauthorized() {
      return live(this).renewAfterUnauthorized();
    }

    @Override
    public String toString() {
      return "ProfileAuth[" + profileId + ":" + version + "]";
    }
  }
}
