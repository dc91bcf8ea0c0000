package dev.switchboard.app.console;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Features and routing: the feature editor with its preview, the routes of the organization ({@code
 * org-route}) and of a workspace ({@code ws-route}), and explain.
 */
public final class RoutingPage {

  private final Browser browser;

  RoutingPage(Browser browser) {
    this.browser = browser;
  }

  RoutingPage loaded() {
    browser.waitFor(By.id("features:table"));
    browser.screenshot("routing");
    return this;
  }

  public String featuresText() {
    return browser.find(By.id("features:table")).getText();
  }

  /** Opens the editor for a new feature and fills it. */
  public RoutingPage newFeature(String name, String description, String userTemplate) {
    browser.click(By.id("features:new"));
    browser.type(By.id("feature:name"), name);
    browser.type(By.id("feature:description"), description);
    browser.type(By.id("feature:userTemplate"), userTemplate);
    return this;
  }

  public RoutingPage userTemplate(String text) {
    browser.type(By.id("feature:userTemplate"), text);
    return this;
  }

  public RoutingPage systemPrompt(String text) {
    browser.type(By.id("feature:systemPrompt"), text);
    return this;
  }

  /** Renders the preview and returns its messages as "role: text" lines. */
  public List<String> preview(String sampleMessage) {
    browser.type(By.id("feature:sampleMessage"), sampleMessage);
    browser.click(By.id("feature:preview"));
    browser.waitFor(By.id("feature:preview-out"));
    return browser.all(By.cssSelector(".sb-preview-message")).stream()
        .map(
            m ->
                m.findElement(By.cssSelector(".sb-preview-role")).getText()
                    + ": "
                    + m.findElement(By.cssSelector(".sb-preview")).getText())
        .toList();
  }

  /** The message next to an editor field, or "". */
  public String fieldMessage(String form, String field) {
    return browser.messageNextTo(form + ":" + field);
  }

  public RoutingPage saveFeature() {
    browser.click(By.id("feature:save"));
    return this;
  }

  public RoutingPage chooseFeature(String name) {
    browser.select("route-choice:feature", name);
    browser.waitForAjax();
    return this;
  }

  /**
   * Adds a deployment ({@code integrationId/modelId}) to a level's chain: chosen by its label in
   * the menu (typed into its filter), then Add.
   */
  public RoutingPage addStep(String level, String key) {
    browser.select(level + ":toAdd", addableSteps(level).get(key));
    browser.click(By.id(level + ":add"));
    browser.waitFor(By.cssSelector("[id='" + level + ":steps'] [data-step='" + key + "']"));
    return this;
  }

  /** The deployments a level can add, as {@code integrationId/modelId} with their labels. */
  public java.util.Map<String, String> addableSteps(String level) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (WebElement o : browser.all(By.cssSelector("[id='" + level + ":toAdd_input'] option"))) {
      String v = o.getDomProperty("value");
      if (v != null && !v.isBlank()) {
        out.put(v, o.getAttribute("textContent").trim());
      }
    }
    return out;
  }

  /** The chain's deployments, as {@code integrationId/modelId}, in order. */
  public List<String> steps(String level) {
    return browser.all(By.cssSelector("[id='" + level + ":steps'] .sb-step")).stream()
        .map(e -> e.getAttribute("data-step"))
        .toList();
  }

  /** Drags a row of a chain onto the place of another, with the mouse. */
  public RoutingPage drag(String level, int from, int to) {
    List<WebElement> rows = browser.all(By.cssSelector("[id='" + level + ":steps_data'] > tr"));
    WebElement source = rows.get(from).findElement(By.cssSelector(".sb-drag"));
    WebElement target = rows.get(to);
    int dy = target.getRect().getY() - rows.get(from).getRect().getY();
    new Actions(browser.driver())
        .clickAndHold(source)
        .pause(Duration.ofMillis(200))
        .moveByOffset(0, dy > 0 ? 5 : -5)
        .pause(Duration.ofMillis(200))
        .moveByOffset(0, dy + (dy > 0 ? 5 : -5))
        .pause(Duration.ofMillis(300))
        .release()
        .perform();
    browser.waitForAjax();
    return this;
  }

  public RoutingPage saveRoute(String level) {
    browser.click(By.id(level + ":save-route"));
    return this;
  }

  /**
   * Explains a model name in the workspace shown (the workspace column's); returns the level that
   * decides.
   */
  public String explain(String model) {
    browser.type(By.id("explain:explainModel"), model);
    browser.click(By.id("explain:run"));
    return browser.find(By.id("explain-decided")).getText();
  }

  public String explainedSteps() {
    return browser.find(By.id("explain:steps")).getText();
  }

  /** Sets the edited feature's cache time to live (seconds; 0 is off). */
  public RoutingPage cacheTtl(int seconds) {
    browser.replace(By.id("feature:cacheTtlSeconds_input"), Integer.toString(seconds));
    return this;
  }

  /** Empties a feature's response cache; returns the console's message about it. */
  public String clearCache(String feature) {
    WebElement row =
        browser.find(
            By.xpath(
                "//*[@id='features:table']//tr[.//span[@class='sb-feature-name' and text()="
                    + Browser.xpathLiteral(feature)
                    + "]]"));
    row.findElement(By.cssSelector("[id$=':clear-cache']")).click();
    browser.waitForAjax();
    return browser.find(By.cssSelector(".ui-growl-message")).getText();
  }

  /**
   * The "Deployments on this server" row of an integration's model, refreshed: requests, circuit
   * state, or null when it has no calls here.
   */
  public String[] deployment(String integration, String model) {
    browser.click(By.id("operations:refresh"));
    for (WebElement row : browser.all(By.cssSelector("[id='operations:deployments'] tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      if (cells.size() > 5
          && cells.get(0).getText().equals(integration)
          && cells.get(1).getText().equals(model)) {
        return new String[] {cells.get(2).getText(), cells.get(5).getText()};
      }
    }
    return null;
  }

  /** Closes the circuit of the integration of a deployment row; returns the console's message. */
  public String resetCircuit(String integration, String model) {
    for (WebElement row : browser.all(By.cssSelector("[id='operations:deployments'] tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      if (cells.size() > 7
          && cells.get(0).getText().equals(integration)
          && cells.get(1).getText().equals(model)) {
        cells.get(7).findElement(By.cssSelector("[id$=':reset']")).click();
        browser.waitForAjax();
        return browser.find(By.cssSelector(".ui-growl-message")).getText();
      }
    }
    throw new AssertionError("no deployment row for " + integration + " · " + model);
  }

  public String summaryLine() {
    return browser.find(By.id("routing-summary")).getText();
  }

  public String growl() {
    return browser.find(By.cssSelector(".ui-growl")).getText();
  }

  public RoutingPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }
}
