package dev.switchboard.routing.balance;

import dev.switchboard.routing.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Picks deployments at random in proportion to their weights, then the rest the same way for the
 * fallback order. A weight of 0 takes no traffic unless every other deployment failed.
 */
public final class WeightedRandom implements LoadBalancer {

  private final RandomGenerator random;

  public WeightedRandom(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public WeightedRandom() {
    this(RandomGenerator.getDefault());
  }

  @Override
  public List<Deployment> rank(List<Deployment> available) {
    List<Deployment> left = new ArrayList<>(available);
    List<Deployment> ranked = new ArrayList<>(left.size());
    while (!left.isEmpty()) {
      ranked.add(left.remove(pick(left)));
    }
    return ranked;
  }

  private int pick(List<Deployment> candidates) {
    long total = candidates.stream().mapToLong(Deployment::weight).sum();
    if (total == 0) {
      return 0;
    }
    long ticket = random.nextLong(total);
    for (int i = 0; i < candidates.size(); i++) {
      ticket -= candidates.get(i).weight();
      if (ticket < 0) {
        return i;
      }
    }
    return candidates.size() - 1;
  }
}
