package dev.switchboard.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  @Test
  void serviceLoaderFindsEveryProviderOnce() {
    ProviderRegistry registry = ProviderRegistry.load();

    assertThat(registry.providers())
        .extracting(p -> p.descriptor().id())
        .containsExactlyInAnyOrder(
            "openai",
            "mistral",
            "groq",
            "together",
            "deepseek",
            "xai",
            "fireworks",
            "openrouter",
            "perplexity",
            "cerebras",
            "vllm",
            "lmstudio",
            "llamacpp",
            "sandbox",
            "azure-openai",
            "anthropic",
            "gemini",
            "cohere",
            "ollama",
            "byo",
            "bedrock");
  }

  @Test
  void compatibleProvidersShareTheOpenAiAdapter() {
    ProviderRegistry registry = ProviderRegistry.load();
    ProviderAdapter openai = registry.find("openai").orElseThrow().adapter();
    assertThat(registry.find("groq").orElseThrow().adapter()).isSameAs(openai);
    assertThat(registry.find("anthropic").orElseThrow().adapter()).isNotSameAs(openai);
  }

  @Test
  void unknownProviderIsEmpty() {
    assertThat(ProviderRegistry.load().find("nope")).isEmpty();
  }
}
