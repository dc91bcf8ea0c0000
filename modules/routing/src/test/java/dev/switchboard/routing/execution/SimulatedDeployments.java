package dev.switchboard.routing.execution;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.routing.Deployment;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Deployments served by the simulator through the real adapters. Integration "a" is the OpenAI
 * family, "b" Anthropic, so the simulator's per-family counts tell which was called.
 */
final class SimulatedDeployments {

  static final String KEY = "simulator-key";

  /** The simulator lives on loopback, which the network guard refuses unless an admin allows it. */
  static final AddressPolicy LOOPBACK = AddressPolicy.defaults().withAllowed("127.0.0.1/32");

  private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

  private final Simulator sim;

  SimulatedDeployments(Simulator sim) {
    this.sim = sim;
  }

  /** A deployment on the OpenAI family, integration "a". */
  Deployment a(String model) {
    return deployment("a", "openai", model, Map.of(), Duration.ofSeconds(10));
  }

  /** A deployment on the Anthropic family, integration "b". */
  Deployment b(String model) {
    return deployment("b", "anthropic", model, Map.of(), Duration.ofSeconds(10));
  }

  /** A deployment whose every request carries the simulator fault {@code fault}. */
  Deployment faulty(
      String integration, String provider, String model, String fault, Duration idle) {
    return deployment(integration, provider, model, Map.of("X-Sim-Fault", fault), idle);
  }

  Deployment deployment(
      String integration,
      String provider,
      String model,
      Map<String, String> headers,
      Duration idle) {
    String base = sim.baseUrl() + "/" + provider + (provider.equals("openai") ? "/v1" : "");
    Map<String, String> extra = new HashMap<>(headers);
    Endpoint endpoint =
        Endpoint.builder(provider)
            .baseUrl(base)
            .apiKey(KEY)
            .addressPolicy(LOOPBACK)
            .extraHeaders(extra)
            .timeouts(Duration.ofSeconds(2), idle, Duration.ofSeconds(30))
            .build();
    return Deployment.of(
        integration, model, () -> endpoint, REGISTRY.find(provider).orElseThrow().adapter());
  }

  /**
   * A deployment on Amazon Bedrock, signed with the simulator's AWS test account; every request
   * carries {@code headers} (e.g. {@code X-Sim-Fault}).
   */
  Deployment bedrock(String integration, String model, Map<String, String> headers) {
    SimulatorOptions.Aws account = SimulatorOptions.Aws.DEFAULTS;
    Endpoint endpoint =
        Endpoint.builder("bedrock")
            .baseUrl(sim.baseUrl() + "/bedrock")
            .apiKey(account.secretAccessKey())
            .aws(Endpoint.Aws.keys("us-east-1", account.accessKeyId()))
            .addressPolicy(LOOPBACK)
            .extraHeaders(headers)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30))
            .build();
    return Deployment.of(
        integration, model, () -> endpoint, REGISTRY.find("bedrock").orElseThrow().adapter());
  }

  static ChatRequest hello() {
    return ChatRequest.builder("route-model").user("Say hello").maxOutputTokens(64).build();
  }

  /** A prompt of {@code words} words: over the 50-token context of the simulator's -tiny models. */
  static ChatRequest longPrompt(int words) {
    return ChatRequest.builder("route-model")
        .user("word ".repeat(words).strip())
        .maxOutputTokens(64)
        .build();
  }
}
