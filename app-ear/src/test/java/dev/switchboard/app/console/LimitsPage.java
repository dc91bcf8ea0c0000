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
    browser.choose("limit:integration", integrationLabel);
    browser.waitForAjax();
    // With many integrations the overlay's item can be missed: if the menu does not show the
    // choice, select it through the PrimeFaces widget (which fires the same change event).
    Object shown =
        browser.script(
            "var s = document.getElementById('limit:integration_input');"
                + " return s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : null;");
    if (!integrationLabel.equals(shown)) {
      browser.script(
          "var s = document.getElementById('limit:integration_input');"
              + " for (var i = 0; i < s.options.length; i++) {"
              + "  if (s.options[i].text === arguments[0]) {"
              + "   PrimeFaces.getWidgetById('limit:integration').selectValue(s.options[i].value);"
              + "  }"
              + " }",
          integrationLabel);
      browser.waitForAjax();
    }
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
