package dev.switchboard.routing.balance;

import dev.switchboard.routing.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Orders the equivalent deployments of one tier: the first is tried first, the others follow. */
public interface LoadBalancer {

  /**
   * The deployments in the order to try them, those {@code available} refuses last (in their
   * declared order).
   */
  default List<Deployment> order(List<Deployment> tier, Predicate<Deployment> available) {
    List<Deployment> open = new ArrayList<>();
    List<Deployment> closed = new ArrayList<>();
    for (Deployment d : tier) {
      (available.test(d) ? open : closed).add(d);
    }
    List<Deployment> ordered = new ArrayList<>(rank(open));
    ordered.addAll(closed);
    return ordered;
  }

  /** The available deployments ranked by this strategy. */
  List<Deployment> rank(List<Deployment> available);
}
