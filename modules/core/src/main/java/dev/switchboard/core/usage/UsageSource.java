package dev.switchboard.core.usage;

/** Where the numbers of a {@link Usage} came from, from most to least trustworthy. */
public enum UsageSource {
  /** Reported by the provider, field for field. */
  REPORTED,
  /** Derived from what the provider reported, e.g. a total computed from its parts. */
  MAPPED,
  /** Estimated locally because the provider reported nothing. */
  ESTIMATED,
  /** The last numbers known before a stream broke or was cancelled: a lower bound. */
  INCOMPLETE
}
