package dev.switchboard.variables.rotation;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many sealed values use each master key version, over every registered column.
 *
 * @param activeVersion the version new writes and rewraps use
 * @param byVersion the count of sealed values per configured key version
 * @param otherVersions sealed values on a version the key ring does not have (they cannot be
 *     opened; a version was removed too early)
 * @param total all sealed values
 */
public record RotationProgress(
    String activeVersion, Map<String, Long> byVersion, long otherVersions, long total) {

  /**
   * Copies the counts.
   *
   * @param activeVersion the version new writes and rewraps use
   * @param byVersion the count of sealed values per configured key version
   * @param otherVersions sealed values on a version the key ring does not have
   * @param total all sealed values
   */
  public RotationProgress {
    byVersion = Map.copyOf(byVersion);
  }

  /**
   * The count of sealed values on one version.
   *
   * @param version a key version
   * @return the count; 0 for a version not counted
   */
  public long count(String version) {
    return byVersion.getOrDefault(version, 0L);
  }

  /**
   * The sealed values not yet on the active version.
   *
   * @return the count still to rewrap (including any on unknown versions)
   */
  public long remaining() {
    return total - count(activeVersion);
  }

  /**
   * Whether every sealed value is on the active version.
   *
   * @return true when nothing remains
   */
  public boolean complete() {
    return remaining() == 0;
  }

  /** Shows the counts by version in version order. */
  @Override
  public String toString() {
    return "RotationProgress[active="
        + activeVersion
        + ", byVersion="
        + new TreeMap<>(byVersion)
        + ", otherVersions="
        + otherVersions
        + ", total="
        + total
        + "]";
  }
}
