package dev.switchboard.providers.bedrock;

import java.time.Duration;

/**
 * When assumed-role credentials are refreshed: from {@code prefetch} before they expire a refresh
 * runs in the background (also while a long stream holds the old ones), and from {@code stale}
 * before they expire a call waits for fresh ones rather than sign with credentials about to lapse.
 */
public record CredentialTiming(Duration prefetch, Duration stale) {

  /** The AWS SDK's own defaults: refresh 5 minutes ahead, never sign in the last minute. */
  public static final CredentialTiming DEFAULTS =
      new CredentialTiming(Duration.ofMinutes(5), Duration.ofMinutes(1));

  public CredentialTiming {
    if (prefetch == null || stale == null || stale.isNegative() || prefetch.compareTo(stale) < 0) {
      throw new IllegalArgumentException("prefetch must not be shorter than stale");
    }
  }
}
