package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The API keys page. */
public final class ApiKeysPage {

  private final Browser browser;

  ApiKeysPage(Browser browser) {
    this.browser = browser;
  }

  ApiKeysPage loaded() {
    browser.waitFor(By.id("new-key:name"));
    browser.screenshot("api-keys");
    return this;
  }

  /** Creates a key and returns it, read from the pop-up that shows it once. */
  public String create(String name) {
    browser.type(By.id("new-key:name"), name);
    browser.click(By.id("new-key:create"));
    String key = browser.find(By.id("created-key")).getText().trim();
    browser.screenshot("api-key-created");
    browser.click(By.id("created-form:close-created"));
    browser.waitUntilGone(By.id("created-dialog"));
    return key;
  }

  public String tableText() {
    return browser.find(By.id("keys:table")).getText();
  }

  /** Leaves the name empty and returns the message shown next to it. */
  public String createWithoutName() {
    browser.find(By.id("new-key:name")).clear();
    browser.click(By.id("new-key:create"));
    return browser
        .find(
            By.xpath("//*[@id='new-key:name']/following-sibling::*[contains(@class,'ui-message')]"))
        .getText();
  }
}
