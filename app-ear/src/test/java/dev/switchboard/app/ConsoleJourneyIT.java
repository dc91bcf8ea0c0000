package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.app.console.ApiKeysPage;
import dev.switchboard.app.console.AuditPage;
import dev.switchboard.app.console.Console;
import dev.switchboard.app.console.IntegrationsPage;
import dev.switchboard.app.console.LibraryPage;
import dev.switchboard.app.console.LimitsPage;
import dev.switchboard.app.console.RoutingPage;
import dev.switchboard.app.console.SettingsPage;
import dev.switchboard.app.console.UsagePage;
import dev.switchboard.app.console.VariablesPage;
import dev.switchboard.app.console.WizardPage;
import dev.switchboard.simulator.Simulator;
import dev.switchboard.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
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
class ConsoleJourneyIT extends ConsoleTest {

  private static final String SIM_KEY = "sk-console-" + UUID.randomUUID();
  private static Simulator simulator;

  @BeforeAll
  static void startSimulator() {
    simulator = Simulator.start(SimulatorOptions.defaults().withApiKey(SIM_KEY));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  private static JsonNode integration(String name) {
    for (JsonNode i : AdminApi.admin().get("/api/v1/integrations").json()) {
      if (name.equals(i.get("name").asText())) {
        return i;
      }
    }
    throw new AssertionError("no integration named " + name);
  }

  private static ChatCompletion chat(OpenAIClient client, String model, String message) {
    return client
        .chat()
        .completions()
        .create(ChatCompletionCreateParams.builder().model(model).addUserMessage(message).build());
  }

  /** The integration's circuit on the server, as {@code /api/v1/routing/stats} reports it. */
  private static String circuitState(String integrationId) {
    for (JsonNode d : AdminApi.admin().get("/api/v1/routing/stats").json()) {
      if (integrationId.equals(d.get("integrationId").asText())) {
        return d.get("circuitState").asText();
      }
    }
    return "none";
  }

  @Test
  void anAdminConfiguresTestsAndUsesAnOpenAiIntegration(TestInfo test) {
    String s = UUID.randomUUID().toString().substring(0, 8);
    String variable = "SIM_KEY_" + s.toUpperCase().replace('-', '_');
    String name = "journey-" + s;
    String model = "gpt-journey-" + s;
    simulator.addModels("openai", model); // the account has the model the admin adds
    Console console = signInAsAdmin(test);
    assertThat(console.signedInUser()).isEqualTo("admin");
    assertThat(console.enabledMenuEntries())
        .containsExactly(
            "Models Library",
            "Integrations",
            "Auth Profiles",
            "Variables",
            "Features & Routing",
            "Usage",
            "Limits & Alerts",
            "API Keys",
            "Audit Log",
            "Settings");

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
    // A token limit with two thresholds; the service's rule on the duration shows next to it.
    String recipient = "ops-" + s + "@example.com";
    wizard.next().screenshot("token-limit");
    wizard.limit(100_000, 91, List.of(50, 75), recipient).next();
    assertThat(wizard.fieldMessage("cycleDays")).contains("between 1 and 90");
    wizard.screenshot("limit-refused");
    wizard.limit(100_000, 30, List.of(50, 75), recipient).next();
    assertThat(wizard.limitSummary())
        .contains("100000 tokens every 30 days")
        .contains("notify only")
        .contains("[50, 75]");
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

    // A price for the new model, so the usage table shows what its calls cost; the service's rule
    // on negative prices shows next to the field.
    UsagePage prices = console.usage();
    assertThat(prices.addPrice("openai", model, "-1", "2").priceMessage("inputPerMTok"))
        .contains("inputPerMTok is required and cannot be negative");
    assertThat(prices.addPrice("openai", model, "1.5", "2").priceMessages()).isEmpty();
    assertThat(prices.pricedModels()).contains(model);

    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(SwitchboardServer.BASE_URL + "/v1")
            .apiKey(key)
            .maxRetries(0)
            .build();
    ChatCompletion reply =
        chat(client, "openai/" + model, "Hello through the console's integration");
    assertThat(reply.choices().get(0).message().content()).isPresent();
    JsonNode integration = integration(name);
    String integrationId = integration.get("id").asText();

    // A feature with a template, previewed; its route chosen by dragging, explained per level.
    String feature = "journey-" + s;
    RoutingPage routing =
        console.routing().newFeature(feature, "Journey answers", "Use {{env." + variable + "}}");
    routing.saveFeature();
    assertThat(routing.fieldMessage("feature", "userTemplate")).contains("content variables only");
    routing.userTemplate("Answer briefly: {{content.query}}");
    assertThat(routing.preview("How are the routes?"))
        .containsExactly("user: Answer briefly: How are the routes?");
    routing.cacheTtl(300).screenshot("feature-preview").saveFeature();
    assertThat(routing.featuresText()).contains(feature);
    String journeyStep = integrationId + "/" + model;
    assertThat(routing.addableSteps("org-route")).containsEntry(journeyStep, name + " · " + model);
    routing.addStep("org-route", journeyStep);
    String other =
        routing.addableSteps("org-route").entrySet().stream()
            .filter(e -> !e.getKey().equals(journeyStep) && !e.getValue().endsWith("(disabled)"))
            .findFirst()
            .orElseThrow()
            .getKey();
    routing.addStep("org-route", other);
    List<String> before = routing.steps("org-route");
    assertThat(before).containsExactly(journeyStep, other);
    routing.drag("org-route", 1, 0).screenshot("route-dragged");
    assertThat(routing.steps("org-route")).containsExactly(before.get(1), before.get(0));
    routing.saveRoute("org-route");
    JsonNode route = AdminApi.admin().get("/api/v1/features/" + feature + "/route").json();
    assertThat(route.at("/0/integrationId").asText() + "/" + route.at("/0/modelId").asText())
        .isEqualTo(before.get(1));
    assertThat(route.at("/1/position").asInt()).isEqualTo(1);
    assertThat(routing.explain(feature)).isEqualTo("organization route");
    routing.addStep("ws-route", journeyStep).saveRoute("ws-route");
    assertThat(routing.explain(feature)).isEqualTo("workspace route");
    assertThat(routing.explainedSteps()).contains(model);
    routing.screenshot("explained");

    // Chats through the gateway, by model and by feature (the workspace's route), then seen on the
    // usage charts with the admin API's numbers.
    for (String m : List.of("openai/" + model, "openai/" + model, feature)) {
      chat(client, m, "Counting usage through " + m);
    }
    UsagePage usage = console.usage().breakDownBy("Integration");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              usage.show();
              String[] period = usage.period();
              long[] shown = usage.row(integrationId);
              assertThat(shown).as("the integration's row").isNotNull();
              assertThat(shown[0]).isGreaterThanOrEqualTo(4);
              String q = "&from=" + period[0] + "&to=" + period[1];
              JsonNode byIntegration =
                  AdminApi.admin().get("/api/v1/usage/summary?groupBy=integration" + q).json();
              JsonNode mine = null;
              long requests = 0;
              for (JsonNode r : byIntegration.get("rows")) {
                requests += r.get("requests").asLong();
                // calls no integration served (refused before routing) have no key
                if (r.hasNonNull("key") && integrationId.equals(r.get("key").asText())) {
                  mine = r;
                }
              }
              assertThat(mine).isNotNull();
              assertThat(shown[0]).isEqualTo(mine.get("requests").asLong());
              assertThat(shown[1]).isEqualTo(mine.get("totalTokens").asLong()).isPositive();
              assertThat(usage.chartSum("breakdownChart", 2)).isEqualTo(requests);
              long tokensByDay = 0;
              for (JsonNode r :
                  AdminApi.admin()
                      .get("/api/v1/usage/summary?groupBy=day" + q)
                      .json()
                      .get("rows")) {
                tokensByDay += r.get("totalTokens").asLong();
              }
              assertThat(usage.chartSum("tokensChart", 0)).isEqualTo(tokensByDay);
            });
    assertThat(usage.chartLabels("tokensChart")).hasSize(30);
    assertThat(usage.cost(integrationId)).as("the priced integration's cost").isNotEmpty();
    usage.screenshot("usage-by-integration");
    usage.screenshotBreakdown("usage-by-integration-table");
    usage.breakDownBy("Module / feature").screenshotBreakdown("usage-by-feature");

    // Operations on this server: the feature's cache answered a repeat and is emptied; a circuit
    // opened by failures upstream is closed again from the console.
    chat(client, feature, "Counting usage through " + feature);
    routing = console.routing();
    assertThat(routing.clearCache(feature)).contains(feature).contains("(1 entries)");
    String[] deployment = routing.deployment(name, model);
    assertThat(deployment).as("the journey deployment's row").isNotNull();
    assertThat(Long.parseLong(deployment[0])).isGreaterThanOrEqualTo(4);
    assertThat(deployment[1]).isEqualTo("CLOSED");
    simulator.setScenario("openai", "status=500");
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                try {
                  chat(client, "openai/" + model, "Failing upstream");
                } catch (RuntimeException expected) {
                  // 5xx from upstream, then the open circuit's refusal
                }
                return circuitState(integrationId).equals("OPEN");
              });
    } finally {
      simulator.clearScenarios();
    }
    assertThat(routing.deployment(name, model)[1]).isEqualTo("OPEN");
    routing.screenshot("circuit-open");
    assertThat(routing.resetCircuit(name, model)).contains("Circuit of " + name + " closed");
    assertThat(routing.deployment(name, model)[1]).isEqualTo("CLOSED");
    assertThat(circuitState(integrationId)).isEqualTo("CLOSED");
    assertThat(routing.summaryLine()).contains("calls").contains("fallbacks");

    LimitsPage limits =
        console.limits().select(name + " (" + integration.get("workspace").asText() + ")");
    // the form is redrawn by ajax for the chosen integration: wait for its saved limit
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(limits.checkedThresholds()).containsExactly("50", "75"));
    assertThat(limits.fieldValue("recipients")).isEqualTo(recipient);
    assertThat(limits.cycleUsage()).contains("of 100000 tokens used").doesNotStartWith("0 of");
    limits.screenshot("limit-and-cycle");

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
    String password = "pw-" + user + "-0123456789";
    // The admin creates the account in Settings; the service's password rule shows next to it.
    SettingsPage settings = signInAsAdmin(test).settings();
    assertThat(settings.createAccount(user, "short", "user", user).accountMessage("password"))
        .contains("at least 12 characters");
    assertThat(settings.createAccount(user, password, "user", user).accountMessages()).isEmpty();
    assertThat(settings.accountsText(user))
        .contains(user)
        .contains("[user]")
        .doesNotContain("admin");
    settings.screenshot("account-created");
    Console console = new Console(browser).signOut().signInWithKeyboard(user, password);
    assertThat(console.signedInUser()).isEqualTo(user);

    assertThat(console.enabledMenuEntries())
        .containsExactly(
            "Models Library", "Integrations", "Variables", "Usage", "Limits & Alerts", "API Keys");
    IntegrationsPage integrations = console.integrations();
    assertThat(integrations.tableText()).contains("No integrations yet");
    assertThat(integrations.importYamlRefused("integrations: [unclosed"))
        .contains("the YAML document is not valid");
    assertThat(console.usage().totalTokens()).isEqualTo("0");
    assertThat(console.limits().logText()).contains("No notifications");
    browser.assertNoJavaScriptErrors();
    browser.open("/console/admin/audit.xhtml");
    browser.screenshot("audit-forbidden");
    assertThat(browser.driver().getPageSource())
        .contains("Error 403")
        .doesNotContain("audit:table");
  }
}
