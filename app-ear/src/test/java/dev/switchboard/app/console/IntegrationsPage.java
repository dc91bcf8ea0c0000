package dev.switchboard.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The integrations list. */
public final class IntegrationsPage {

  private final Browser browser;

  IntegrationsPage(Browser browser) {
    this.browser = browser;
  }

  IntegrationsPage loaded() {
    browser.waitFor(By.id("integrations:table"));
    browser.screenshot("integrations");
    return this;
  }

  private WebElement row(String name) {
    return browser.find(
        By.xpath(
            "//tr[.//span[contains(@class,'sb-integration-name') and normalize-space()='"
                + name
                + "']]"));
  }

  /** "green", "yellow" or "red". */
  public String statusColor(String name) {
    String cls = row(name).findElement(By.cssSelector(".sb-status")).getAttribute("class");
    for (String c : new String[] {"green", "yellow", "red"}) {
      if (cls.contains("sb-status-" + c)) {
        return c;
      }
    }
    return cls;
  }

  public String rowText(String name) {
    return row(name).getText();
  }

  /** Opens the integration in the wizard. */
  public WizardPage edit(String name) {
    row(name).findElement(By.cssSelector("[id$=':edit']")).click();
    browser.waitForAjax();
    return new WizardPage(browser).loaded();
  }

  public IntegrationsPage test(String name) {
    row(name).findElement(By.cssSelector("[id$=':test']")).click();
    browser.waitForAjax();
    return this;
  }

  /** Opens the test history pop-up and returns its text. */
  public String history(String name) {
    row(name).findElement(By.cssSelector("[id$=':history']")).click();
    browser.waitForAjax();
    String text = browser.find(By.id("history-form:history-table")).getText();
    browser.screenshot("test-history");
    browser.click(By.cssSelector("[id='history-dialog'] .ui-dialog-titlebar-close"));
    return text;
  }

  /** Asks to delete and returns what the confirmation says will be removed, then confirms. */
  public String delete(String name) {
    row(name).findElement(By.cssSelector("[id$=':delete']")).click();
    browser.waitForAjax();
    String message = browser.find(By.id("delete-message")).getText();
    browser.screenshot("delete-confirmation");
    browser.click(By.id("delete-form:confirm-delete"));
    browser.waitUntilGone(By.id("delete-dialog"));
    return message;
  }

  public boolean has(String name) {
    return !browser
        .all(
            By.xpath(
                "//span[contains(@class,'sb-integration-name') and normalize-space()='"
                    + name
                    + "']"))
        .isEmpty();
  }

  /** Pastes YAML into the import pop-up and imports it; returns the message shown next to it. */
  public String importYamlRefused(String yaml) {
    browser.click(By.id("integrations:import"));
    browser.type(By.id("import-form:yaml"), yaml);
    browser.click(By.id("import-form:run-import"));
    String message =
        browser
            .find(
                By.xpath(
                    "//*[@id='import-form:yaml']/following-sibling::*[contains(@class,'ui-message')]"))
            .getText();
    browser.screenshot("import-refused");
    browser.click(By.cssSelector("[id='import-dialog'] .ui-dialog-titlebar-close"));
    return message;
  }

  public String tableText() {
    return browser.find(By.id("integrations:table")).getText();
  }

  public String growl() {
    return browser.find(By.cssSelector(".ui-growl-message")).getText();
  }
}
