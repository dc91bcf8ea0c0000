package dev.switchboard.providers.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.model.Capability;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

  private final ModelCatalog catalog = ModelCatalog.builtIn();

  @Test
  void knownModelHasLimitsCapabilitiesAndADatedPrice() {
    CatalogEntry gpt4o = catalog.find("openai", "gpt-4o").orElseThrow();
    assertThat(gpt4o.model().contextWindow()).isEqualTo(128000);
    assertThat(gpt4o.model().supports(Capability.VISION)).isTrue();
    ModelPrice price = gpt4o.pricing().orElseThrow();
    assertThat(price.inputPerMillion()).isEqualByComparingTo("2.50");
    assertThat(price.cachedInputPerMillion()).isEqualByComparingTo("1.25");
    assertThat(price.effectiveDate()).isEqualTo(LocalDate.parse("2025-06-01"));
  }

  @Test
  void unknownModelHasAnUnknownPriceNeverZero() {
    assertThat(catalog.find("openai", "gpt-unknown")).isEmpty();
    assertThat(catalog.price("openai", "gpt-unknown")).isEmpty();
    assertThat(catalog.cost("openai", "gpt-unknown", Usage.of(10, 10, UsageSource.REPORTED)))
        .isEmpty();
  }

  @Test
  void localModelWithoutListPriceHasAnUnknownPrice() {
    assertThat(catalog.find("ollama", "llama3.2")).isPresent();
    assertThat(catalog.price("ollama", "llama3.2")).isEmpty();
  }

  @Test
  void costChargesCachedInputAtItsOwnRate() {
    Usage usage = new Usage(1_000_000, 1_000_000, 400_000, 0, 2_000_000, UsageSource.REPORTED);
    // 600k uncached x 2.50 + 400k cached x 1.25 + 1M output x 10.00
    assertThat(catalog.cost("openai", "gpt-4o", usage))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo(new BigDecimal("12.00")));
  }

  @Test
  void bedrockModelsAreListedWithTheirBedrockIdsAndPrices() {
    assertThat(catalog.models("bedrock"))
        .extracting(e -> e.model().id())
        .contains(
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "amazon.nova-pro-v1:0",
            "meta.llama3-70b-instruct-v1:0");
    assertThat(catalog.price("bedrock", "amazon.nova-pro-v1:0")).isPresent();
  }

  @Test
  void everyProviderOfTheEighteenHasACatalogSection() {
    for (String id :
        new String[] {
          "openai",
          "azure-openai",
          "anthropic",
          "gemini",
          "cohere",
          "mistral",
          "groq",
          "together",
          "deepseek",
          "xai",
          "fireworks",
          "openrouter",
          "perplexity",
          "cerebras"
        }) {
      assertThat(catalog.models(id)).as(id).isNotEmpty();
    }
  }

  @Test
  void overrideReplacesAndAddsEntries(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.json");
    Files.writeString(
        file,
        "{\"providers\":{\"openai\":[{\"id\":\"gpt-4o\",\"displayName\":\"Negotiated\","
            + "\"price\":{\"inputPerMillion\":\"2.00\",\"outputPerMillion\":\"8.00\","
            + "\"currency\":\"USD\",\"effectiveDate\":\"2026-01-01\"}}],"
            + "\"vllm\":[{\"id\":\"my-llama\",\"price\":{\"inputPerMillion\":\"0\","
            + "\"outputPerMillion\":\"0\",\"currency\":\"USD\",\"effectiveDate\":\"2026-01-01\"}}]}}");

    ModelCatalog merged = ModelCatalog.load(Optional.of(file.toUri().toURL()));

    assertThat(merged.price("openai", "gpt-4o").orElseThrow().inputPerMillion())
        .isEqualByComparingTo("2.00");
    assertThat(merged.find("openai", "gpt-4o").orElseThrow().model().displayName())
        .isEqualTo("Negotiated");
    assertThat(merged.price("vllm", "my-llama")).isPresent();
    assertThat(merged.find("openai", "gpt-4o-mini")).isPresent();
    assertThat(catalog.price("openai", "gpt-4o").orElseThrow().inputPerMillion())
        .isEqualByComparingTo("2.50");
  }

  @Test
  void overrideFromTheNetworkIsRefused() throws Exception {
    assertThatThrownBy(
            () -> ModelCatalog.load(Optional.of(new URL("http://169.254.169.254/catalog.json"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtInCatalogIsLoadedOnce() {
    assertThat(ModelCatalog.builtIn()).isSameAs(ModelCatalog.builtIn());
    assertThat(ModelCatalog.load(Optional.empty())).isSameAs(ModelCatalog.builtIn());
  }
}
