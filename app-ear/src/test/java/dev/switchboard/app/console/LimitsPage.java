package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** Limits and alerts: one integration's limit, its cycle usage and its notification log. */
public final class LimitsPage {

  private final Browser browser;

  LimitsPage(Browser browser) {
    this.browser = browser;
  }

  LimitsPage loaded() {
    browser.waitFor(By.id("log:table"));
    browser.screenshot("limits");
    return this;
  }

  public LimitsPage select(String integrationLabel) {
    browser.select("limit:integration", integrationLabel);
    return this;
  }

  /** The cycle's usage line, e.g. "120 of 100000 tokens used (0%) · cycle ...". */
  public String cycleUsage() {
    return browser.find(By.id("cycle-usage")).getText();
  }

  public String fieldValue(String field) {
    return browser.find(By.id("limit:" + field)).getDomProperty("value");
  }

  /** The predefined thresholds that are ticked. */
  public java.util.List<String> checkedThresholds() {
    return browser.all(By.cssSelector("[id='limit:thresholds'] input:checked")).stream()
        .map(e -> e.getDomProperty("value"))
        .toList();
  }

  public String logText() {
    return browser.find(By.id("log:table")).getText();
  }

  public LimitsPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }
}
