package dev.switchboard.integrations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.ProviderRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftRulesTest {

  private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

  private static ProviderDescriptor provider(String id) {
    return REGISTRY.find(id).orElseThrow().descriptor();
  }

  private static IntegrationDraft draft(String provider, String key, String baseUrl, String azure) {
    return new IntegrationDraft(
        "name", null, provider, key, null, azure, null, baseUrl, null, null, null, List.of(), null);
  }

  @Test
  void aCompleteOpenAiDraftPasses() {
    assertThatCode(
            () -> DraftRules.checkNew(draft("openai", "sk-1", null, null), provider("openai")))
        .doesNotThrowAnyException();
  }

  @Test
  void aKeyIsRequiredWhereTheProviderNeedsOneButNotForOllama() {
    assertField(
        () -> DraftRules.checkNew(draft("anthropic", null, null, null), provider("anthropic")),
        "apiKey");
    assertThatCode(
            () ->
                DraftRules.checkNew(
                    draft("ollama", null, "http://10.0.0.5:11434", null), provider("ollama")))
        .doesNotThrowAnyException();
  }

  @Test
  void azureNeedsItsResourceOrABaseUrl() {
    assertField(
        () -> DraftRules.checkNew(draft("azure-openai", "k", null, null), provider("azure-openai")),
        "azureResource");
    assertThatCode(
            () ->
                DraftRules.checkNew(
                    draft("azure-openai", "k", null, "contoso"), provider("azure-openai")))
        .doesNotThrowAnyException();
  }

  @Test
  void baseUrlsMustBeHttpWithAHostAndNoUserInfo() {
    for (String bad :
        List.of(
            "file:///etc/passwd",
            "gopher://x",
            "ftp://h/",
            "http://user:pw@h/",
            "http:///path",
            "not a url")) {
      assertField(() -> DraftRules.checkBaseUrl(bad), "baseUrl");
    }
    assertThatCode(() -> DraftRules.checkBaseUrl("https://llm.example.com/v1"))
        .doesNotThrowAnyException();
    assertThatCode(() -> DraftRules.checkBaseUrl("{{env.LLM_URL}}")).doesNotThrowAnyException();
  }

  @Test
  void settingsOutOfRangeNameTheirField() {
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    "n", null, "openai", "k", null, null, null, null, 0, null, null, null, null)),
        "requestTimeoutSeconds");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    "n", null, "openai", "k", null, null, null, null, null, 11, null, null, null)),
        "maxRetries");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    "n", null, "openai", "k", null, null, null, null, null, null, 0, null, null)),
        "rateLimitRpm");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    " ", null, "openai", "k", null, null, null, null, null, null, null, null,
                    null)),
        "name");
  }

  @Test
  void aModelWithoutAnIdIsNamedByItsPosition() {
    IntegrationDraft d =
        new IntegrationDraft(
            "n",
            null,
            "openai",
            "k",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new ModelDraft("gpt-4o", null, null, null, null),
                new ModelDraft(" ", null, null, null, null)),
            null);
    assertField(() -> DraftRules.checkCommon(d), "models[1].modelId");
  }

  private static void assertField(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field));
  }
}
