package dev.switchboard.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fallback chain: tiers tried in order. The deployments of one tier are equivalent (the same
 * model on several accounts or regions) and shared by load balancing; a later tier is a fallback.
 */
public record Route(List<List<Deployment>> tiers) {

  public Route {
    Objects.requireNonNull(tiers, "tiers");
    tiers = tiers.stream().map(List::copyOf).filter(t -> !t.isEmpty()).toList();
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one deployment");
    }
  }

  /** A chain of single deployments, tried in this order. */
  public static Route chain(Deployment... deployments) {
    return new Route(Arrays.stream(deployments).map(List::of).toList());
  }

  /** One tier of equivalent deployments, balanced. */
  public static Route balanced(Deployment... deployments) {
    return new Route(List.of(List.of(deployments)));
  }

  /** Every deployment, in declaration order. */
  public List<Deployment> deployments() {
    return tiers.stream().flatMap(List::stream).toList();
  }
}
