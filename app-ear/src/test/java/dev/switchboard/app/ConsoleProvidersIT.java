package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.app.console.AuthProfilesPage;
import dev.switchboard.app.console.Console;
import dev.switchboard.app.console.IntegrationsPage;
import dev.switchboard.app.console.WizardPage;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import dev.switchboard.simulator.custom.OAuthTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The integration kinds the console offers beyond a key and a base URL, in headless Chromium
 * against the provider simulator: Amazon Bedrock with its AWS fields (the simulator checks every
 * SigV4 signature), and a bring-your-own endpoint with a request template, response mapping and an
 * OAuth 2.0 auth profile created on the Auth Profiles page (the simulator's token endpoint issues
 * the tokens). Each is tested green in the wizard and answers through {@code /v1} (openai-java).
 */
class ConsoleProvidersIT extends ConsoleTest {

  private static final String KEY = "sk-providers-" + UUID.randomUUID();
  private static final String REPLY = "Hello from the Switchboard simulator héllo 🌍 done ";
  private static final SimulatorOptions.Aws AWS = SimulatorOptions.Aws.DEFAULTS;
  private static Simulator sim;
  private static OpenAIClient client;

  @BeforeAll
  static void setUp() {
    sim = Simulator.start(SimulatorOptions.defaults().withApiKey(KEY));
    String gatewayKey =
        AdminApi.admin()
            .post("/api/v1/api-keys", "{\"name\":\"console-providers\"}")
            .json()
            .get("key")
            .asText();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(gatewayKey)
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void tearDown() {
    sim.close();
  }

  private static ChatCompletion chat(String model) {
    return client
        .chat()
        .completions()
        .create(
            ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build());
  }

  @Test
  void aBedrockIntegrationIsConfiguredInTheWizardAndAnswersThroughTheGateway(TestInfo test) {
    String name = "bedrock-console-" + UUID.randomUUID().toString().substring(0, 8);
    Console console = signInAsAdmin(test);

    WizardPage wizard = console.library().configure("Amazon Bedrock");
    wizard
        .name(name)
        .field("aws_accessKeyId", AWS.accessKeyId())
        .apiKey(AWS.secretAccessKey())
        .baseUrl(sim.baseUrl() + "/bedrock")
        .next();
    // The service's rule on the region shows next to the region's field.
    assertThat(wizard.fieldMessage("aws_region")).contains("needs an AWS region");
    wizard.show("aws_region").screenshot("region-required");
    wizard.field("aws_region", "us-east-1").screenshot("bedrock-authorization").next();

    wizard.enableModel("amazon.nova-pro-v1:0").screenshot("bedrock-models");
    wizard.next().acceptPolicy().next().startTest();
    assertThat(wizard.resultColor()).as(wizard.resultText()).isEqualTo("green");
    wizard.screenshot("bedrock-test-passed");
    IntegrationsPage integrations = wizard.next().next().finish();
    assertThat(integrations.statusColor(name)).isEqualTo("green");

    ChatCompletion reply = chat("bedrock/amazon.nova-pro-v1:0");
    assertThat(reply.choices().get(0).message().content()).hasValue(REPLY);
    assertThat(reply.usage().orElseThrow().completionTokens()).isEqualTo(8);

    // Edited, the AWS fields come back and the secret access key only masked.
    wizard = integrations.edit(name);
    assertThat(wizard.fieldValue("aws_region")).isEqualTo("us-east-1");
    assertThat(wizard.fieldValue("aws_accessKeyId")).isEqualTo(AWS.accessKeyId());
    assertThat(wizard.fieldValue("apiKey")).isEmpty();
    assertThat(wizard.fieldPlaceholder("apiKey"))
        .startsWith("stored: ")
        .doesNotContain(AWS.secretAccessKey());
    wizard.screenshot("bedrock-edit");
    browser.assertNoJavaScriptErrors();
  }

  @Test
  void aCustomEndpointWithAnOAuthProfileIsConfiguredInTheConsoleAndAnswersWithMappedUsage(
      TestInfo test) {
    String s = UUID.randomUUID().toString().substring(0, 8);
    String profile = "oauth-" + s;
    String name = "byo-console-" + s;
    String model = "acme-console-" + s;
    Console console = signInAsAdmin(test);
    assertThat(console.enabledMenuEntries()).containsSubsequence("Integrations", "Auth Profiles");

    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("tokenEndpoint", sim.baseUrl() + "/custom/oauth2/token");
    oauth.put("username", OAuthTokens.CLIENT_ID);
    oauth.put("secret", KEY);
    oauth.put("scope", "generate");
    AuthProfilesPage profiles =
        console.authProfiles().create(profile, "OAuth 2.0 client credentials", oauth);
    assertThat(profiles.rowText(profile))
        .contains("OAuth 2.0 client credentials")
        .contains(OAuthTokens.CLIENT_ID)
        .contains("••••")
        .doesNotContain(KEY);
    assertThat(profiles.usedBy(profile)).isEqualTo("not used");

    WizardPage wizard = console.library().configure("Custom LLM (bring your own)");
    wizard
        .name(name)
        .baseUrl(sim.baseUrl() + "/custom/generate")
        .authProfile(profile + " (OAUTH2_CLIENT_CREDENTIALS)")
        .field("requestTemplate", "{\"input\": \"{{prompt}}\"")
        .field("response_textPath", "$.output.text")
        .next();
    // The service refuses malformed JSON, next to the template.
    assertThat(wizard.fieldMessage("requestTemplate")).isNotEmpty();
    wizard.show("requestTemplate").screenshot("template-refused");
    wizard
        .field(
            "requestTemplate",
            "{\"input\": \"{{prompt}}\", \"params\": {\"max_tokens\": \"{{max_tokens}}\","
                + " \"temperature\": \"{{temperature}}\"}, \"stream\": \"{{stream}}\"}")
        .field("response_finishReasonPath", "$.output.stop")
        .field("response_inputTokensPath", "$.meta.tokens_in")
        .field("response_outputTokensPath", "$.meta.tokens_out")
        .streaming("sse")
        .field("stream_deltaPath", "$.delta.text")
        .field("stream_finishReasonPath", "$.stop")
        .screenshot("custom-llm-authorization")
        .next();

    wizard.addModel(model, "Acme", "the simulator's custom endpoint").screenshot("byo-models");
    wizard.next().acceptPolicy().next().startTest();
    assertThat(wizard.resultColor()).as(wizard.resultText()).isEqualTo("green");
    wizard.screenshot("byo-test-passed");
    wizard.next().next();
    assertThat(wizard.confirmed("auth-profile")).isEqualTo(profile);
    IntegrationsPage integrations = wizard.finish();
    assertThat(integrations.statusColor(name)).isEqualTo("green");

    ChatCompletion reply = chat("byo/" + model);
    assertThat(reply.choices().get(0).message().content()).hasValue(REPLY);
    // "Say hello" is 2 words for the simulator: the mapped token keys, not an estimate (4)
    assertThat(reply.usage().orElseThrow().promptTokens()).isEqualTo(2);
    assertThat(reply.usage().orElseThrow().completionTokens()).isEqualTo(8);

    // In use, the profile cannot be deleted: the service's refusal names the integration.
    profiles = console.authProfiles();
    assertThat(profiles.usedBy(profile)).isEqualTo(name);
    assertThat(profiles.delete(profile)).contains("used by").contains(name);
    assertThat(profiles.rowText(profile)).contains(profile);
    browser.assertNoJavaScriptErrors();
  }

  @Test
  void aKerberosProfileTakesAnUploadedKeytabAndRefusesAnyOtherFileNextToIt(TestInfo test)
      throws IOException {
    String name = "kerberos-" + UUID.randomUUID().toString().substring(0, 8);
    Path notAKeytab = Files.writeString(Files.createTempFile("notes", ".keytab"), "not a keytab");
    // the MIT keytab format's version bytes are all the service checks when a profile is saved
    Path keytab = Files.write(Files.createTempFile("service", ".keytab"), new byte[] {5, 2, 0, 0});
    Console console = signInAsAdmin(test);

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", "svc-llm@EXAMPLE.COM");
    fields.put("realm", "EXAMPLE.COM");
    AuthProfilesPage profiles =
        console.authProfiles().fill(name, "Kerberos SPNEGO", fields).keytab(notAKeytab).save();
    assertThat(profiles.fieldMessage("keytab")).contains("not a Kerberos keytab");
    profiles.screenshot("keytab-refused");

    profiles.keytab(keytab).save();
    assertThat(profiles.rowText(name))
        .contains("Kerberos SPNEGO")
        .contains("svc-llm@EXAMPLE.COM")
        .contains("keytab ••••");
    browser.assertNoJavaScriptErrors();
  }
}
