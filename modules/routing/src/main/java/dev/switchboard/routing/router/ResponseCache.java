package dev.switchboard.routing.router;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.router.RoutedChat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Complete chat replies of features that opted in, per server: exact match on the normalized
 * request (after the template and defaults were applied, the caller's {@code user} id left out) in
 * the caller's workspace, each entry living the feature's TTL, each feature bounded to its maximum
 * entries (least recently used evicted first). Streams are never cached.
 */
public final class ResponseCache {

  private final Map<String, FeatureCache> features = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** A cached reply, or empty (counted as a miss). */
  public Optional<RoutedChat> get(String feature, String key) {
    FeatureCache cache = features.get(feature);
    Optional<RoutedChat> found = cache == null ? Optional.empty() : cache.get(key);
    (found.isPresent() ? hits : misses).increment();
    return found;
  }

  public void put(String feature, String key, RoutedChat reply, int ttlSeconds, int maxEntries) {
    features
        .computeIfAbsent(feature, f -> new FeatureCache())
        .put(key, reply, ttlSeconds, maxEntries);
  }

  /** Empties one feature's cache; returns how many entries it held. */
  public int clear(String feature) {
    FeatureCache cache = features.remove(feature);
    return cache == null ? 0 : cache.size();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public int entries(String feature) {
    FeatureCache cache = features.get(feature);
    return cache == null ? 0 : cache.size();
  }

  /** The cache key of a prepared request in a workspace: a SHA-256 of its normalized form. */
  public static String key(String workspace, String feature, ChatRequest prepared) {
    ChatRequest normalized =
        new ChatRequest(
            feature,
            prepared.messages(),
            prepared.tools(),
            prepared.toolChoice(),
            prepared.responseFormat(),
            prepared.temperature(),
            prepared.topP(),
            prepared.maxOutputTokens(),
            prepared.stop(),
            prepared.seed(),
            null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(workspace.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(normalized.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Entry(RoutedChat reply, long expiresAtNanos) {}

  /** One feature's entries, least recently used first. */
  private static final class FeatureCache {
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    synchronized Optional<RoutedChat> get(String key) {
      Entry e = entries.get(key);
      if (e == null) {
        return Optional.empty();
      }
      if (System.nanoTime() - e.expiresAtNanos > 0) {
        entries.remove(key);
        return Optional.empty();
      }
      return Optional.of(e.reply());
    }

    synchronized void put(String key, RoutedChat reply, int ttlSeconds, int maxEntries) {
      entries.put(key, new Entry(reply, System.nanoTime() + ttlSeconds * 1_000_000_000L));
      while (entries.size() > Math.max(1, maxEntries)) {
        entries.remove(entries.keySet().iterator().next());
      }
    }

    synchronized int size() {
      return entries.size();
    }
  }
}
