package dev.switchboard.core.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A model as a provider lists it or a catalog describes it.
 *
 * @param id the id requests use
 * @param displayName a name for people
 * @param contextWindow the input plus output tokens it accepts, or {@code null} when unknown
 * @param maxOutputTokens the most tokens it generates in one reply, or {@code null} when unknown
 * @param capabilities what it can do; empty when unknown
 */
public record ModelInfo(
    String id,
    String displayName,
    Integer contextWindow,
    Integer maxOutputTokens,
    Set<Capability> capabilities) {

  public ModelInfo {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
    capabilities =
        capabilities == null || capabilities.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(capabilities));
  }

  /** A model known by id only, e.g. one a provider lists without details. */
  public static ModelInfo ofId(String id) {
    return new ModelInfo(id, id, null, null, Set.of());
  }

  public boolean supports(Capability capability) {
    return capabilities.contains(capability);
  }
}
