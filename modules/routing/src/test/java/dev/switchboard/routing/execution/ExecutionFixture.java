package dev.switchboard.routing.execution;

import dev.switchboard.routing.RecordingSleeper;
import dev.switchboard.routing.balance.WeightedRandom;
import dev.switchboard.simulator.Simulator;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh simulator per test (so its request counts belong to that test), integration settings a
 * test may change, and retry waits recorded instead of slept.
 */
abstract class ExecutionFixture {

  Simulator sim;
  SimulatedDeployments deployments;
  final Map<String, IntegrationSettings> settings = new ConcurrentHashMap<>();
  final RecordingSleeper sleeper = new RecordingSleeper();
  ExecutorService executor;
  IntegrationGuards guards;
  FallbackExecution execution;

  @BeforeEach
  void startSimulator() {
    // the deployments' upstream model, served by every family as an account that has it would
    sim = Simulator.start().addModels("openai", "sim-model").addModels("anthropic", "sim-model");
    deployments = new SimulatedDeployments(sim);
    executor = Executors.newCachedThreadPool();
    guards =
        new IntegrationGuards(
            id -> settings.getOrDefault(id, IntegrationSettings.DEFAULTS), Clock.systemUTC());
    execution =
        new FallbackExecution(
            guards,
            new WeightedRandom(new SplittableRandom(1)),
            sleeper,
            new SplittableRandom(1),
            executor);
  }

  @AfterEach
  void stopSimulator() {
    executor.shutdownNow();
    sim.close();
  }

  void set(String integration, IntegrationSettings value) {
    settings.put(integration, value);
  }
}
