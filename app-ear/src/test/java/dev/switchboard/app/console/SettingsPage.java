package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The settings page: server status, master-key rotation and accounts. */
public final class SettingsPage {

  private final Browser browser;

  SettingsPage(Browser browser) {
    this.browser = browser;
  }

  SettingsPage loaded() {
    browser.waitFor(By.id("rotation:active-version"));
    browser.screenshot("settings");
    return this;
  }

  /** Creates a console account with one role in the form. */
  public SettingsPage createAccount(
      String username, String password, String role, String workspace) {
    browser.type(By.id("accounts:username"), username);
    browser.type(By.id("accounts:password"), password);
    for (String r : java.util.List.of("user", "admin")) {
      browser.setOption("accounts:roles", r, r.equals(role));
    }
    browser.type(By.id("accounts:workspace"), workspace);
    browser.click(By.id("accounts:create"));
    return this;
  }

  /** The message next to a field of the new-account form, or "". */
  public String accountMessage(String field) {
    return browser.messageNextTo("accounts:" + field);
  }

  /** Every error message the accounts form shows. */
  public java.util.List<String> accountMessages() {
    return browser.all(By.cssSelector("[id='accounts'] .ui-message-error")).stream()
        .map(org.openqa.selenium.WebElement::getText)
        .toList();
  }

  /** The accounts table's text (usernames, roles, workspaces), filtered by a username. */
  public String accountsText(String username) {
    org.openqa.selenium.WebElement filter =
        browser.find(
            By.cssSelector("[id='accounts:table:username-column'] input.ui-column-filter"));
    filter.clear();
    filter.sendKeys(username);
    // the filter applies after a short delay, by ajax: wait until only matching rows are left
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver(), java.time.Duration.ofSeconds(15))
        .until(
            d -> {
              java.util.List<org.openqa.selenium.WebElement> rows =
                  d.findElements(By.cssSelector("[id='accounts:table'] tbody tr"));
              return !rows.isEmpty() && rows.stream().allMatch(r -> r.getText().contains(username));
            });
    browser.waitForAjax();
    return browser.find(By.id("accounts:table")).getText();
  }

  public SettingsPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }

  public String activeKeyVersion() {
    return browser.find(By.id("rotation:active-version")).getText();
  }
}
