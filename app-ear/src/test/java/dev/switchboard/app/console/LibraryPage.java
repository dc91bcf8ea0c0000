package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The Models Library: a card per provider. */
public final class LibraryPage {

  private final Browser browser;

  LibraryPage(Browser browser) {
    this.browser = browser;
  }

  LibraryPage loaded() {
    browser.waitFor(By.cssSelector(".sb-card"));
    browser.screenshot("models-library");
    return this;
  }

  private static By card(String provider) {
    return By.xpath(
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' sb-card ')]"
            + "[.//div[contains(@class,'ui-card-title')][normalize-space()='"
            + provider
            + "']]");
  }

  /** What the provider's card says about its integrations, e.g. "Not configured". */
  public String status(String provider) {
    return browser
        .find(card(provider))
        .findElement(By.cssSelector(".sb-provider-status"))
        .getText();
  }

  public String kind(String provider) {
    return browser.find(card(provider)).findElement(By.cssSelector(".sb-kind")).getText();
  }

  public WizardPage configure(String provider) {
    browser.find(card(provider)).findElement(By.cssSelector(".sb-configure")).click();
    browser.waitForAjax();
    return new WizardPage(browser).loaded();
  }
}
