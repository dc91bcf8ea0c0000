package dev.switchboard.providers.openai;

import static dev.switchboard.core.model.Capability.CHAT;
import static dev.switchboard.core.model.Capability.EMBEDDINGS;
import static dev.switchboard.core.model.Capability.JSON;
import static dev.switchboard.core.model.Capability.STREAMING;
import static dev.switchboard.core.model.Capability.TOOLS;
import static dev.switchboard.core.model.Capability.VISION;

import dev.switchboard.core.model.Capability;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.ProviderDescriptor;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI and the providers that speak its wire, as data. Capabilities are those of each public API
 * (checked against its documentation); the catalog has per-model details.
 */
public final class OpenAiCompatibleProviders {

  public static final String FAMILY = "openai";

  /** The built-in sandbox (the simulator inside the server), its id as Integrations knows it. */
  private static final String SANDBOX = "sandbox";

  private static final EnumSet<Capability> FULL =
      EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON, EMBEDDINGS);
  private static final EnumSet<Capability> NO_EMBEDDINGS =
      EnumSet.of(CHAT, STREAMING, TOOLS, VISION, JSON);
  private static final EnumSet<Capability> TEXT_TOOLS = EnumSet.of(CHAT, STREAMING, TOOLS, JSON);

  public static final List<ProviderDescriptor> ALL =
      List.of(
          d("openai", "OpenAI", "https://api.openai.com/v1", AuthStyle.BEARER, FULL, true),
          d("mistral", "Mistral AI", "https://api.mistral.ai/v1", AuthStyle.BEARER, FULL, true),
          d(
              "groq",
              "Groq",
              "https://api.groq.com/openai/v1",
              AuthStyle.BEARER,
              NO_EMBEDDINGS,
              true),
          d("together", "Together AI", "https://api.together.xyz/v1", AuthStyle.BEARER, FULL, true),
          d(
              "deepseek",
              "DeepSeek",
              "https://api.deepseek.com/v1",
              AuthStyle.BEARER,
              TEXT_TOOLS,
              true),
          d("xai", "xAI", "https://api.x.ai/v1", AuthStyle.BEARER, NO_EMBEDDINGS, true),
          d(
              "fireworks",
              "Fireworks AI",
              "https://api.fireworks.ai/inference/v1",
              AuthStyle.BEARER,
              FULL,
              true),
          d(
              "openrouter",
              "OpenRouter",
              "https://openrouter.ai/api/v1",
              AuthStyle.BEARER,
              NO_EMBEDDINGS,
              true),
          d(
              "perplexity",
              "Perplexity",
              "https://api.perplexity.ai",
              AuthStyle.BEARER,
              EnumSet.of(CHAT, STREAMING, JSON),
              false),
          d(
              "cerebras",
              "Cerebras",
              "https://api.cerebras.ai/v1",
              AuthStyle.BEARER,
              TEXT_TOOLS,
              true),
          d("vllm", "vLLM", "http://localhost:8000/v1", AuthStyle.OPTIONAL_BEARER, FULL, true),
          d(
              "lmstudio",
              "LM Studio",
              "http://localhost:1234/v1",
              AuthStyle.OPTIONAL_BEARER,
              FULL,
              true),
          d(
              "llamacpp",
              "llama.cpp server",
              "http://localhost:8080/v1",
              AuthStyle.OPTIONAL_BEARER,
              FULL,
              true),
          // the built-in sandbox: the simulator inside the server; never created by admins
          d(
              SANDBOX,
              "Sandbox (simulated)",
              "http://127.0.0.1/openai/v1",
              AuthStyle.BEARER,
              FULL,
              true));

  private OpenAiCompatibleProviders() {}

  /**
   * A built-in OpenAI-compatible provider, or an admin-added one ({@code custom-...}), whose base
   * URL then comes with each endpoint.
   */
  public static Optional<ProviderDescriptor> find(String providerId) {
    Optional<ProviderDescriptor> builtIn =
        ALL.stream().filter(d -> d.id().equals(providerId)).findFirst();
    if (builtIn.isPresent() || !ProviderDescriptor.isCustom(providerId)) {
      return builtIn;
    }
    return Optional.of(ProviderDescriptor.custom(providerId, providerId, null, true));
  }

  private static ProviderDescriptor d(
      String id,
      String name,
      String baseUrl,
      AuthStyle auth,
      EnumSet<Capability> capabilities,
      boolean listsModels) {
    return new ProviderDescriptor(
        id, name, FAMILY, URI.create(baseUrl), auth, capabilities, listsModels);
  }
}
