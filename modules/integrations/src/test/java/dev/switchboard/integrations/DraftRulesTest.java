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
        "name", null, provider, key, null, azure, null, baseUrl, null, null, null, List.of(), null,
        null);
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

  private static IntegrationDraft bedrock(String secret, AwsSettings aws) {
    return new IntegrationDraft(
        "name", null, "bedrock", secret, null, null, null, null, null, null, null, List.of(), null,
        aws);
  }

  @Test
  void bedrockNeedsARegionAndKeysOrARole() {
    ProviderDescriptor bedrock = provider("bedrock");
    assertField(() -> DraftRules.checkNew(bedrock("s", null), bedrock), "aws.region");
    assertField(
        () ->
            DraftRules.checkNew(
                bedrock("s", new AwsSettings("moon-1", "AKIA1", null, null, null, null, null)),
                bedrock),
        "aws.region");
    assertField(
        () ->
            DraftRules.checkNew(
                bedrock(null, new AwsSettings("us-east-1", "AKIA1", null, null, null, null, null)),
                bedrock),
        "aws.accessKeyId");
    assertField(
        () ->
            DraftRules.checkNew(
                bedrock("s", new AwsSettings("us-east-1", null, null, null, null, null, null)),
                bedrock),
        "aws.accessKeyId");
    assertField(
        () ->
            DraftRules.checkNew(
                bedrock(
                    "s",
                    new AwsSettings(
                        "us-east-1",
                        "AKIA1",
                        "arn:aws:iam::1:role/r",
                        "file:///x",
                        null,
                        null,
                        null)),
                bedrock),
        "aws.stsEndpoint");
    assertThatCode(
            () ->
                DraftRules.checkNew(
                    bedrock(
                        "s", new AwsSettings("eu-west-1", "AKIA1", null, null, null, null, null)),
                    bedrock))
        .doesNotThrowAnyException();
    // a role with no keys would sign with the server's own AWS identity: refused unless allowed
    assertField(
        () ->
            DraftRules.checkNew(
                bedrock(
                    null,
                    new AwsSettings(
                        "eu-west-1",
                        null,
                        "{{env.BEDROCK_ROLE}}",
                        "https://sts.eu-west-1.amazonaws.com",
                        "ext",
                        null,
                        null)),
                bedrock),
        "aws.accessKeyId");
    assertThatCode(
            () ->
                DraftRules.checkNew(
                    bedrock(
                        null,
                        new AwsSettings(
                            "eu-west-1",
                            null,
                            "{{env.BEDROCK_ROLE}}",
                            "https://sts.eu-west-1.amazonaws.com",
                            "ext",
                            null,
                            true)),
                    bedrock))
        .doesNotThrowAnyException();
  }

  @Test
  void anUpdateWithoutTheSettingKeepsTheServerIdentityAnAdminAllowed() {
    AwsSettings roleOnly =
        new AwsSettings("eu-west-1", null, "arn:aws:iam::1:role/r", null, null, null, null);

    assertThatCode(
            () -> DraftRules.checkAws(bedrock(null, roleOnly), provider("bedrock"), false, true))
        .doesNotThrowAnyException();
    assertField(
        () -> DraftRules.checkAws(bedrock(null, roleOnly), provider("bedrock"), false, false),
        "aws.accessKeyId");
  }

  @Test
  void otherProvidersTakeNoAwsSettings() {
    IntegrationDraft d =
        new IntegrationDraft(
            "name",
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
            List.of(),
            null,
            new AwsSettings("us-east-1", "AKIA1", null, null, null, null, null));
    assertField(() -> DraftRules.checkNew(d, provider("openai")), "aws");
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
                    "n", null, "openai", "k", null, null, null, null, 0, null, null, null, null,
                    null)),
        "requestTimeoutSeconds");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    "n", null, "openai", "k", null, null, null, null, null, 11, null, null, null,
                    null)),
        "maxRetries");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    "n", null, "openai", "k", null, null, null, null, null, null, 0, null, null,
                    null)),
        "rateLimitRpm");
    assertField(
        () ->
            DraftRules.checkCommon(
                new IntegrationDraft(
                    " ", null, "openai", "k", null, null, null, null, null, null, null, null, null,
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
            null,
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
