package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.app.console.ApiKeysPage;
import dev.switchboard.app.console.AuditPage;
import dev.switchboard.app.console.Browser;
import dev.switchboard.app.console.Console;
import dev.switchboard.app.console.IntegrationsPage;
import dev.switchboard.app.console.LibraryPage;
import dev.switchboard.app.console.SignInPage;
import dev.switchboard.app.console.VariablesPage;
import dev.switchboard.app.console.WizardPage;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A business admin's path through the console in headless Chromium, against the provider simulator:
 * configure an OpenAI integration whose key lives in a secure variable, test it with a sample value
 * saved for future use, add a model, create a gateway key and chat with it through {@code /v1}; and
 * a failing test saved anyway that shows red. Screenshots of every page go to {@code
 * target/screenshots/}; the browser console must stay free of errors.
 */
class ConsoleJourneyIT {

  private static final String SIM_KEY = "sk-console-" + UUID.randomUUID();
  private static Simulator simulator;

  private Browser browser;

  @BeforeAll
  static void startSimulator() {
    simulator = Simulator.start(SimulatorOptions.defaults().withApiKey(SIM_KEY));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.screenshot("end");
      browser.close();
    }
  }

  private Console signInAsAdmin(TestInfo test) {
    browser = new Browser(SwitchboardServer.BASE_URL, test.getTestMethod().orElseThrow().getName());
    return SignInPage.open(browser).signIn("admin", SwitchboardServer.adminPassword());
  }

  @Test
  void anAdminConfiguresTestsAndUsesAnOpenAiIntegration(TestInfo test) {
    String s = UUID.randomUUID().toString().substring(0, 8);
    String variable = "SIM_KEY_" + s.toUpperCase().replace('-', '_');
    String name = "journey-" + s;
    String model = "gpt-journey-" + s;
    Console console = signInAsAdmin(test);
    assertThat(console.signedInUser()).isEqualTo("admin");
    assertThat(console.enabledMenuEntries())
        .containsExactly(
            "Models Library", "Integrations", "Variables", "API Keys", "Audit Log", "Settings");
    assertThat(console.menuEntries()).contains("Features & Routing", "Usage", "Limits & Alerts");

    // The key lives in a secure variable; its real value comes as a sample at test time.
    VariablesPage variables = console.variables().create(variable, "not-the-key-yet", true);
    assertThat(variables.shownValue("env." + variable)).doesNotContain("not-the-key-yet");

    LibraryPage library = console.library();
    assertThat(library.kind("OpenAI")).isEqualTo("Pre-built");
    assertThat(library.kind("Groq")).isEqualTo("OpenAI-compatible");
    assertThat(library.kind("Sandbox (simulated)")).isEqualTo("Sandbox");
    assertThat(library.status("Sandbox (simulated)")).startsWith("Built in");
    WizardPage wizard = library.configure("OpenAI");
    wizard
        .name(name)
        .pickVariable("apiKey", "{{env." + variable + "}}")
        .baseUrl(simulator.baseUrl() + "/openai/v1")
        .screenshot("authorization");
    assertThat(wizard.fieldValue("apiKey")).isEqualTo("{{env." + variable + "}}");
    wizard.next().addModel(model, "Journey model", "the simulator's model").screenshot("models");
    assertThat(wizard.modelIds()).contains(model, "gpt-4o-mini");

    // The policy must be accepted before going on.
    wizard.next().next();
    assertThat(wizard.onStep("step-policy")).isTrue();
    assertThat(wizard.fieldMessage("policyAccepted")).contains("Accept the policy");
    wizard.screenshot("policy-refused");
    wizard.acceptPolicy().next();

    wizard.startTest();
    assertThat(wizard.sampleReferences()).containsExactly("env." + variable);
    wizard.sampleValue(0, SIM_KEY, true);
    assertThat(wizard.resultColor()).as(wizard.resultText()).isEqualTo("green");
    wizard.screenshot("test-passed");
    wizard.next().screenshot("token-limit").next();
    IntegrationsPage integrations = wizard.finish();
    assertThat(integrations.statusColor(name)).isEqualTo("green");
    assertThat(integrations.history(name)).contains("passed").contains(model);

    // The saved sample replaced the variable's value, still masked, and the variable knows its
    // user.
    variables = console.variables();
    assertThat(variables.usedBy("env." + variable)).isEqualTo(name);
    assertThat(variables.shownValue("env." + variable)).doesNotContain(SIM_KEY);

    ApiKeysPage keys = console.apiKeys();
    assertThat(keys.createWithoutName()).contains("name is required");
    String key = keys.create("journey-" + s);
    assertThat(key).startsWith("sb-");
    assertThat(keys.tableText()).contains("journey-" + s).doesNotContain(key);

    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(key)
            .maxRetries(0)
            .build();
    ChatCompletion reply =
        client
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("openai/" + model)
                    .addUserMessage("Hello through the console's integration")
                    .build());
    assertThat(reply.choices().get(0).message().content()).isPresent();

    AuditPage audit = console.audit().filterByAction("integration.tested");
    assertThat(audit.tableText()).contains("integration.tested").contains("admin");
    assertThat(audit.pageReport()).matches("1-\\d+ of \\d+");
    assertThat(console.settings().activeKeyVersion()).isNotBlank();
    browser.assertNoJavaScriptErrors();
  }

  @Test
  void aFailingConnectionTestSavedAnywayShowsRed(TestInfo test) {
    String name = "failing-" + UUID.randomUUID().toString().substring(0, 8);
    Console console = signInAsAdmin(test);

    WizardPage wizard = console.library().configure("OpenAI");
    // The service's rules answer, next to the field.
    wizard.name("").enterInName();
    assertThat(wizard.fieldMessage("name")).contains("name is required");
    wizard.screenshot("name-required");
    wizard.name(name).apiKey("sk-wrong-key").baseUrl(simulator.baseUrl() + "/openai/v1").next();
    wizard.next().acceptPolicy().next().startTest();
    assertThat(wizard.resultColor()).isEqualTo("red");
    assertThat(wizard.resultText()).contains("Connection failed").contains("Cancel");
    wizard.screenshot("test-failed");
    IntegrationsPage integrations = wizard.next().next().finish();

    assertThat(integrations.statusColor(name)).isEqualTo("red");
    assertThat(integrations.rowText(name)).contains("Error");
    assertThat(integrations.growl()).contains(name + " saved (Error)");

    // Fixed later in the wizard: the stored values come back (the key only masked) and it turns
    // green.
    wizard = integrations.edit(name);
    assertThat(wizard.fieldValue("name")).isEqualTo(name);
    assertThat(wizard.fieldValue("apiKey")).isEmpty();
    wizard.apiKey(SIM_KEY).screenshot("edit-authorization").next().next().next().startTest();
    assertThat(wizard.resultColor()).as(wizard.resultText()).isEqualTo("green");
    integrations = wizard.next().next().finish();
    assertThat(integrations.statusColor(name)).isEqualTo("green");
    String removes = integrations.delete(name);
    assertThat(removes)
        .contains(name)
        .contains("API key")
        .contains("connection test history")
        .contains("routes");
    assertThat(integrations.has(name)).isFalse();
    browser.assertNoJavaScriptErrors();
  }

  @Test
  void aUserSeesOnlyTheirOwnPartOfTheConsole(TestInfo test) {
    String user = "console-" + UUID.randomUUID().toString().substring(0, 8);
    AdminApi.newUser(user, user);
    browser = new Browser(SwitchboardServer.BASE_URL, test.getTestMethod().orElseThrow().getName());
    Console console =
        SignInPage.open(browser).signInWithKeyboard(user, "pw-" + user + "-0123456789");

    assertThat(console.enabledMenuEntries())
        .containsExactly("Models Library", "Integrations", "Variables", "API Keys");
    IntegrationsPage integrations = console.integrations();
    assertThat(integrations.tableText()).contains("No integrations yet");
    assertThat(integrations.importYamlRefused("integrations: [unclosed"))
        .contains("the YAML document is not valid");
    browser.assertNoJavaScriptErrors();
    browser.open("/console/admin/audit.xhtml");
    browser.screenshot("audit-forbidden");
    assertThat(browser.driver().getPageSource())
        .contains("Error 403")
        .doesNotContain("audit:table");
  }
}
