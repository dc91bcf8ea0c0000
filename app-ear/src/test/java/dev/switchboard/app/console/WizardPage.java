package dev.switchboard.app.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The configuration wizard, step by step. */
public final class WizardPage {

  private final Browser browser;

  WizardPage(Browser browser) {
    this.browser = browser;
  }

  WizardPage loaded() {
    browser.waitFor(By.id("wizard:step-authorization"));
    return this;
  }

  public String activeStep() {
    return browser
        .find(By.cssSelector("#wizard\\:steps .ui-state-highlight .ui-menuitem-text"))
        .getText();
  }

  // Authorization

  public WizardPage name(String name) {
    browser.type(By.id("wizard:name"), name);
    return this;
  }

  public WizardPage apiKey(String key) {
    browser.type(By.id("wizard:apiKey"), key);
    return this;
  }

  public WizardPage baseUrl(String url) {
    browser.type(By.id("wizard:baseUrl"), url);
    return this;
  }

  /**
   * Replaces the text of any field of the wizard, e.g. {@code aws_region}, {@code requestTemplate}.
   */
  public WizardPage field(String field, String text) {
    browser.replace(By.id("wizard:" + field), text);
    return this;
  }

  /** Chooses an auth profile by its label ("name (KIND)") in the filtered menu. */
  public WizardPage authProfile(String label) {
    browser.select("wizard:authProfileId", label);
    return this;
  }

  /** Ticks "The endpoint can stream" and chooses the format (sse or ndjson). */
  public WizardPage streaming(String format) {
    browser.click(By.cssSelector("[id='wizard:streaming'] .ui-chkbox-box"));
    browser.waitFor(By.id("wizard:stream_deltaPath"));
    // the labels start with the format's name: "SSE (data: lines)", "NDJSON"
    browser.click(
        By.xpath(
            "//*[@id='wizard:stream_format']//label[starts-with(normalize-space(), '"
                + format.toUpperCase(java.util.Locale.ROOT)
                + "')]"));
    return this;
  }

  /** Chooses a variable in a field's picker; the field then holds its reference. */
  public WizardPage pickVariable(String field, String reference) {
    By input = By.id("wizard:" + field);
    for (int attempt = 1;
        attempt <= 3 && !browser.hasValueWithin(input, reference, attempt == 1 ? 0 : 5);
        attempt++) {
      browser.choose("wizard:" + field + "Picker", reference);
    }
    browser.waitForValue(input, reference);
    return this;
  }

  public String fieldValue(String field) {
    return browser.find(By.id("wizard:" + field)).getDomProperty("value");
  }

  /** Scrolls a field to the middle of the window, e.g. before a screenshot of its message. */
  public WizardPage show(String field) {
    browser.script(
        "arguments[0].scrollIntoView({block: 'center'})", browser.find(By.id("wizard:" + field)));
    return this;
  }

  public String fieldPlaceholder(String field) {
    return browser.find(By.id("wizard:" + field)).getDomAttribute("placeholder");
  }

  /** A line of the Save and confirm summary, e.g. {@code auth-profile}. */
  public String confirmed(String line) {
    browser.waitFor(By.id("wizard:step-confirm"));
    return browser.find(By.id("confirm-" + line)).getText();
  }

  /** The message shown next to a field, or "" when there is none. */
  public String fieldMessage(String field) {
    return browser.messageNextTo("wizard:" + field);
  }

  /** Presses Enter in the name field: the form's default command is Next. */
  public WizardPage enterInName() {
    browser.find(By.id("wizard:name")).sendKeys(org.openqa.selenium.Keys.ENTER);
    browser.waitForAjax();
    return this;
  }

  public WizardPage next() {
    browser.click(By.id("wizard:next"));
    return this;
  }

  public WizardPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }

  // Models

  public WizardPage addModel(String id, String displayName, String description) {
    browser.waitFor(By.id("wizard:step-models"));
    browser.click(By.id("wizard:add-model"));
    browser.type(By.id("add-model-form:newModelId"), id);
    browser.type(By.id("add-model-form:newModelName"), displayName);
    browser.type(By.id("add-model-form:newModelDescription"), description);
    browser.screenshot("add-model");
    browser.click(By.id("add-model-form:save-model"));
    browser.waitUntilGone(By.id("add-model-dialog"));
    return this;
  }

  /** Switches a catalog model on in the Models step. */
  public WizardPage enableModel(String modelId) {
    browser.waitFor(By.id("wizard:step-models"));
    browser.click(
        By.xpath(
            "//tr[.//code[normalize-space()='"
                + modelId
                + "']]//div[contains(@class,'ui-toggleswitch-slider')]"));
    browser.waitFor(
        By.xpath(
            "//tr[.//code[normalize-space()='"
                + modelId
                + "']]//div[contains(@class,'ui-toggleswitch-checked')]"));
    return this;
  }

  public List<String> modelIds() {
    return browser.all(By.cssSelector(".sb-model-id")).stream().map(WebElement::getText).toList();
  }

  // Policy guidelines

  public WizardPage acceptPolicy() {
    browser.click(By.cssSelector("[id='wizard:policyAccepted'] .ui-chkbox-box"));
    return this;
  }

  public boolean onStep(String panelId) {
    return !browser.all(By.id("wizard:" + panelId)).isEmpty();
  }

  // Test connection

  /** Starts a test; when the configuration uses variables the sample-values pop-up opens. */
  public WizardPage startTest() {
    browser.waitFor(By.id("wizard:step-test"));
    browser.click(By.id("wizard:run-test"));
    return this;
  }

  public List<String> sampleReferences() {
    browser.waitFor(By.id("samples-dialog"));
    return browser.all(By.cssSelector("[id='samples-form'] .sb-form > label")).stream()
        .map(WebElement::getText)
        .toList();
  }

  public WizardPage sampleValue(int index, String value, boolean saveForFutureUse) {
    WebElement input =
        browser.all(By.cssSelector("[id='samples-dialog'] input[type='password']")).get(index);
    input.sendKeys(value);
    if (saveForFutureUse) {
      browser.click(By.cssSelector("[id='samples-form:saveSamples'] .ui-chkbox-box"));
    }
    browser.screenshot("sample-values");
    browser.click(By.id("samples-form:run-with-samples"));
    browser.waitUntilGone(By.id("samples-dialog"));
    return this;
  }

  /** "green" or "red", once the test result shows. */
  public String resultColor() {
    String cls = browser.find(By.id("wizard:test-result")).getAttribute("class");
    return cls.contains("sb-result-green") ? "green" : cls.contains("sb-result-red") ? "red" : cls;
  }

  public String resultText() {
    return browser.find(By.id("wizard:test-result")).getText();
  }

  // Token usage limit

  /** Ticks "Set a token limit" and fills its fields; thresholds are the predefined ones to keep. */
  public WizardPage limit(
      long maxTokens, int cycleDays, List<Integer> thresholds, String recipients) {
    browser.waitFor(By.id("wizard:step-limit"));
    if (browser.all(By.id("wizard:maxTokens_input")).isEmpty()) {
      browser.click(By.cssSelector("[id='wizard:limitWanted'] .ui-chkbox-box"));
      browser.waitFor(By.id("wizard:maxTokens_input"));
    }
    browser.replace(By.id("wizard:maxTokens_input"), Long.toString(maxTokens));
    browser.replace(By.id("wizard:cycleDays_input"), Integer.toString(cycleDays));
    for (int t : new int[] {50, 75, 90, 100}) {
      browser.setOption("wizard:thresholds", Integer.toString(t), thresholds.contains(t));
    }
    browser.replace(By.id("wizard:recipients"), recipients);
    return this;
  }

  public String limitSummary() {
    return browser.find(By.id("confirm-limit")).getText();
  }

  // Save and confirm

  public IntegrationsPage finish() {
    browser.waitFor(By.id("wizard:step-confirm"));
    browser.screenshot("save-and-confirm");
    browser.click(By.id("wizard:finish"));
    return new IntegrationsPage(browser).loaded();
  }
}
