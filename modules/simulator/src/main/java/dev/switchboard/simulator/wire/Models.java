package dev.switchboard.simulator.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models a family serves: the provider's own well-known ids, those a test adds with {@code
 * Simulator.addModels}, and the two naming conventions of {@link Reply} ({@code missing-*} never
 * exists, {@code *-tiny} always does). A provider answers an unknown model with its 404, so a
 * simulator that served any name would hide a gateway sending the wrong one.
 *
 * <p>{@link #any()} is for the providers that really serve whatever they are asked (llama.cpp's
 * server ignores the name) and for those whose names the customer chooses (Azure deployments).
 */
public final class Models {

  private final Set<String> builtIn;
  private final Set<String> added = ConcurrentHashMap.newKeySet();
  private final boolean any;
  // listing order: built-in ids, then the added ones
  private final Set<String> order = Collections.synchronizedSet(new LinkedHashSet<>());

  private Models(Collection<String> builtIn, boolean any) {
    this.builtIn = Set.copyOf(new LinkedHashSet<>(builtIn));
    this.any = any;
    this.order.addAll(builtIn);
  }

  /** A catalog of these ids (plus what is added later). */
  public static Models of(String... ids) {
    return new Models(List.of(ids), false);
  }

  /** Every model name except {@code missing-*}. */
  public static Models any() {
    return new Models(List.of(), true);
  }

  /** Whether a request for this model is served. */
  public boolean serves(String model) {
    if (model == null || model.isEmpty() || Reply.isMissing(model)) {
      return false;
    }
    return any
        || builtIn.contains(model)
        || added.contains(model)
        || Reply.contextLimit(model) != Integer.MAX_VALUE;
  }

  /** Serves these ids too, from now on. */
  public void add(Collection<String> ids) {
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a model id must not be blank");
      }
      added.add(id);
      order.add(id);
    }
  }

  /** The ids listed by the family's models endpoint: built-in first, then the added ones. */
  public List<String> ids() {
    synchronized (order) {
      return new ArrayList<>(order);
    }
  }
}
