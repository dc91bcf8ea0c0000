package dev.switchboard.routing.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.routing.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BalancerTest {

  private static final ProviderRegistry.Provider OPENAI =
      ProviderRegistry.load().find("openai").orElseThrow();

  private static Deployment deployment(String integration, int weight) {
    return Deployment.of(
            integration, "m", () -> Endpoint.builder("openai").build(), OPENAI.adapter())
        .withWeight(weight);
  }

  private final Deployment east = deployment("east", 3);
  private final Deployment west = deployment("west", 1);
  private final Deployment spare = deployment("spare", 0);

  @Test
  void weightedRandomSendsTrafficInProportionToTheWeights() {
    WeightedRandom balancer = new WeightedRandom(new SplittableRandom(7));
    Map<String, Long> firsts =
        IntStream.range(0, 4000)
            .mapToObj(i -> balancer.order(List.of(east, west), d -> true).get(0).integrationId())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(firsts.get("east")).isBetween(2800L, 3200L);
    assertThat(firsts.get("west")).isBetween(800L, 1200L);
  }

  @Test
  void zeroWeightTakesTrafficOnlyAsTheLastFallback() {
    WeightedRandom balancer = new WeightedRandom(new SplittableRandom(7));
    for (int i = 0; i < 100; i++) {
      assertThat(balancer.order(List.of(spare, east, west), d -> true).get(2)).isEqualTo(spare);
    }
  }

  @Test
  void deploymentsWhoseCircuitRefusesCallsGoLast() {
    WeightedRandom balancer = new WeightedRandom(new SplittableRandom(7));
    for (int i = 0; i < 100; i++) {
      List<Deployment> order = balancer.order(List.of(east, west), d -> d != east);
      assertThat(order).containsExactly(west, east);
    }
  }

  @Test
  void leastLatencyPrefersTheFastestAverageAndTriesUnmeasuredFirst() {
    LatencyTracker latencies = new LatencyTracker();
    LeastLatency balancer = new LeastLatency(latencies);
    latencies.record(east.id(), Duration.ofMillis(400));
    latencies.record(west.id(), Duration.ofMillis(100));
    assertThat(balancer.order(List.of(east, west), d -> true)).containsExactly(west, east);
    assertThat(balancer.order(List.of(east, west, spare), d -> true).get(0)).isEqualTo(spare);

    for (int i = 0; i < 10; i++) {
      latencies.record(west.id(), Duration.ofMillis(900));
    }
    assertThat(balancer.order(List.of(east, west), d -> true)).containsExactly(east, west);
  }

  @Test
  void movingAverageWeighsTheNewestSampleByAlpha() {
    LatencyTracker latencies = new LatencyTracker(0.5);
    latencies.record("d", Duration.ofMillis(100));
    latencies.record("d", Duration.ofMillis(300));
    assertThat(latencies.average("d")).contains(Duration.ofMillis(200));
    assertThat(latencies.average("unknown")).isEmpty();
  }
}
