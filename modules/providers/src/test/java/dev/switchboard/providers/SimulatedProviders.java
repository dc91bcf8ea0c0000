package dev.switchboard.providers;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.providers.net.AddressPolicy;
import dev.switchboard.simulator.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Endpoints pointing each of the 18 providers at the simulator, and the requests tests share. */
final class SimulatedProviders {

  static final String KEY = "simulator-key";
  static final String MODEL = "sim-model";

  /** The simulator's reply of its default 8 tokens. */
  static final String EIGHT_TOKENS =
      "Hello from the Switchboard simulator h\u00e9llo \uD83C\uDF0D done ";

  /** "Say hello": 2 words plus 3 per message. */
  static final int HELLO_INPUT_TOKENS = 5;

  static final List<String> FAMILIES =
      List.of("openai", "azure-openai", "anthropic", "gemini", "cohere", "ollama");

  /**
   * The simulator lives on loopback, which the network guard refuses by default: tests allow its
   * address explicitly, as an admin would, so the default-deny is in force everywhere else.
   */
  static final AddressPolicy LOOPBACK = AddressPolicy.defaults().withAllowed("127.0.0.1/32");

  private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

  private SimulatedProviders() {}

  /**
   * The providers with a fixed wire reached with an API key. Bring-your-own endpoints have their
   * own tests; Bedrock signs with AWS credentials instead (an {@code Endpoint.Aws}): {@code
   * BedrockAdapterTest} covers it.
   */
  static Stream<String> all() {
    return REGISTRY.providers().stream()
        .map(p -> p.descriptor().id())
        .filter(id -> !id.equals(dev.switchboard.providers.byo.ByoAdapter.ID))
        .filter(id -> !id.equals("bedrock"));
  }

  /**
   * A simulator on which every family also serves the tests' models ({@link #MODEL}, {@code
   * sim-embed}), as an account that has them would: the simulator refuses names its provider does
   * not serve.
   */
  static Simulator simulator() {
    return serving(Simulator.start());
  }

  static Simulator serving(Simulator sim) {
    for (String family : sim.families()) {
      sim.addModels(family, MODEL, "sim-embed");
    }
    return sim;
  }

  static Stream<String> families() {
    return FAMILIES.stream();
  }

  static ProviderAdapter adapter(String providerId) {
    return REGISTRY.find(providerId).orElseThrow().adapter();
  }

  static ProviderDescriptor descriptor(String providerId) {
    return REGISTRY.find(providerId).orElseThrow().descriptor();
  }

  /** The simulator's URL prefix (and fault/count name) for a provider. */
  static String simFamily(String providerId) {
    return switch (providerId) {
      case "azure-openai" -> "azure";
      case "sandbox" -> "openai"; // the built-in sandbox is the simulator's OpenAI wire
      default -> providerId;
    };
  }

  /** An endpoint builder that may reach 127.0.0.1 (the simulator, the proxy, local sockets). */
  static Endpoint.Builder onLoopback(String providerId) {
    return Endpoint.builder(providerId).addressPolicy(LOOPBACK);
  }

  static Endpoint.Builder endpoint(Simulator sim, String providerId) {
    return endpoint(sim, providerId, MODEL);
  }

  /** An endpoint for a model; for Azure the model is the deployment. */
  static Endpoint.Builder endpoint(Simulator sim, String providerId, String model) {
    String base = sim.baseUrl() + "/" + simFamily(providerId);
    Endpoint.Builder b =
        onLoopback(providerId)
            .apiKey(KEY)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20));
    switch (providerId) {
      case "azure-openai" -> b.baseUrl(base + "/openai").azure(null, model, "2024-10-21");
      case "anthropic", "gemini", "cohere", "ollama" -> b.baseUrl(base);
      default -> b.baseUrl(base + "/v1");
    }
    return b;
  }

  static Endpoint endpointWith(Simulator sim, String providerId, Map<String, String> headers) {
    return endpoint(sim, providerId).extraHeaders(headers).build();
  }

  static ChatRequest hello() {
    return ChatRequest.builder(MODEL).user("Say hello").build();
  }

  static ChatRequest hello(String model) {
    return ChatRequest.builder(model).user("Say hello").build();
  }
}
