package dev.switchboard.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The variables page. */
public final class VariablesPage {

  private final Browser browser;

  VariablesPage(Browser browser) {
    this.browser = browser;
  }

  VariablesPage loaded() {
    browser.waitFor(By.id("variables:table"));
    browser.screenshot("variables");
    return this;
  }

  /** Creates an environment variable. */
  public VariablesPage create(String name, String value, boolean secure) {
    browser.click(By.id("variables:new"));
    browser.type(By.id("variable-form:name"), name);
    if (secure) {
      browser.click(By.cssSelector("[id='variable-form:secure'] .ui-chkbox-box"));
    }
    browser.type(By.id("variable-form:value"), value);
    browser.screenshot("new-variable");
    browser.click(By.id("variable-form:save"));
    browser.waitUntilGone(By.id("variable-dialog"));
    browser.screenshot("variable-saved");
    return this;
  }

  private WebElement row(String reference) {
    return browser.find(
        By.xpath(
            "//tr[.//code[contains(@class,'sb-reference') and normalize-space()='{{"
                + reference
                + "}}']]"));
  }

  public String shownValue(String reference) {
    return row(reference).findElement(By.cssSelector(".sb-value")).getText();
  }

  public String usedBy(String reference) {
    return row(reference).findElement(By.cssSelector(".sb-used-by")).getText();
  }
}
