package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The settings page: server status and master-key rotation. */
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

  public String activeKeyVersion() {
    return browser.find(By.id("rotation:active-version")).getText();
  }
}
