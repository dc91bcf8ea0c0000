package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The audit log. */
public final class AuditPage {

  private final Browser browser;

  AuditPage(Browser browser) {
    this.browser = browser;
  }

  AuditPage loaded() {
    browser.waitFor(By.id("audit:table"));
    browser.screenshot("audit-log");
    return this;
  }

  public AuditPage filterByAction(String action) {
    browser.type(By.id("audit:action"), action);
    browser.click(By.id("audit:filter"));
    browser.screenshot("audit-filtered");
    return this;
  }

  public String tableText() {
    return browser.find(By.id("audit:table")).getText();
  }

  public String pageReport() {
    return browser.find(By.cssSelector("[id='audit:table'] .ui-paginator-current")).getText();
  }
}
