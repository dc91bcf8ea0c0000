package dev.switchboard.app.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The usage page: filters, the charts and the breakdown table under them. */
public final class UsagePage {

  private final Browser browser;

  UsagePage(Browser browser) {
    this.browser = browser;
  }

  UsagePage loaded() {
    browser.waitFor(By.id("filters:apply"));
    waitForCharts();
    browser.screenshot("usage");
    return this;
  }

  private void waitForCharts() {
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver(), java.time.Duration.ofSeconds(20))
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser.script(
                        "return !!(window.PF && PF('tokensChart') && PF('tokensChart').chart"
                            + " && PF('breakdownChart') && PF('breakdownChart').chart);")));
  }

  /** Breaks the numbers down by a grouping ("Integration", "Model", "Module / feature", ...). */
  public UsagePage breakDownBy(String grouping) {
    browser.select("filters:groupBy", grouping);
    return show();
  }

  public UsagePage show() {
    browser.click(By.id("filters:apply"));
    waitForCharts();
    return this;
  }

  /** The period shown, as the ISO-8601 instants the admin API takes: [from, to]. */
  public String[] period() {
    WebElement p = browser.find(By.id("period"));
    return new String[] {p.getAttribute("data-from"), p.getAttribute("data-to")};
  }

  /** A breakdown row's requests and total tokens, by its key (e.g. an integration id), or null. */
  public long[] row(String key) {
    List<WebElement> rows =
        browser.all(By.xpath("//*[@id='tables:breakdown']//tr[.//span[@data-key='" + key + "']]"));
    if (rows.isEmpty()) {
      return null;
    }
    WebElement r = rows.get(0);
    return new long[] {
      Long.parseLong(r.findElement(By.cssSelector(".sb-requests")).getText().trim()),
      Long.parseLong(r.findElement(By.cssSelector(".sb-total-tokens")).getText().trim())
    };
  }

  /** The sum of a chart's dataset, as Chart.js holds it in the browser. */
  public long chartSum(String widgetVar, int dataset) {
    Object sum =
        browser.script(
            "return PF(arguments[0]).chart.data.datasets[arguments[1]].data"
                + ".reduce(function(a, b) { return a + b; }, 0);",
            widgetVar,
            dataset);
    return ((Number) sum).longValue();
  }

  /** The labels of a chart's x axis. */
  @SuppressWarnings("unchecked")
  public List<String> chartLabels(String widgetVar) {
    return (List<String>) browser.script("return PF(arguments[0]).chart.data.labels;", widgetVar);
  }

  /** A breakdown row's cost cell as shown (empty when no price applies), by its key. */
  public String cost(String key) {
    return browser
        .find(By.xpath("//*[@id='tables:breakdown']//tr[.//span[@data-key='" + key + "']]/td[7]"))
        .getText()
        .trim();
  }

  /** Adds a model price (per million tokens, in USD, from now) in the prices form. */
  public UsagePage addPrice(String provider, String model, String input, String output) {
    browser.type(By.id("prices:provider"), provider);
    browser.type(By.id("prices:model"), model);
    browser.replace(By.id("prices:inputPerMTok_input"), input);
    browser.replace(By.id("prices:outputPerMTok_input"), output);
    browser.click(By.id("prices:add"));
    return this;
  }

  /** The message next to a field of the prices form, or "". */
  public String priceMessage(String field) {
    return browser.messageNextTo("prices:" + field);
  }

  /** Every error message the prices form shows. */
  public List<String> priceMessages() {
    return browser.all(By.cssSelector("[id='prices'] .ui-message-error")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The models listed in the prices table. */
  public List<String> pricedModels() {
    return browser.all(By.cssSelector("[id='prices:table'] .sb-price-model")).stream()
        .map(WebElement::getText)
        .toList();
  }

  public String totalTokens() {
    return browser.find(By.id("total-tokens")).getText();
  }

  /** Scrolls to the breakdown chart and its table, then takes a screenshot. */
  public UsagePage screenshotBreakdown(String name) {
    browser.script("document.getElementById('breakdown-chart').scrollIntoView({block: 'start'});");
    browser.screenshot(name);
    return this;
  }

  public UsagePage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }
}
