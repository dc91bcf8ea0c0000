package dev.switchboard.app.console;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The signed-in console: its menu and who is signed in. */
public final class Console {

  private final Browser browser;

  public Console(Browser browser) {
    this.browser = browser;
  }

  public String signedInUser() {
    return browser.find(By.id("signed-in-user")).getText();
  }

  /** The labels of the menu entries that can be opened. */
  public List<String> enabledMenuEntries() {
    return browser.all(By.cssSelector("#menu a.ui-menuitem-link:not(.ui-state-disabled)")).stream()
        .map(WebElement::getText)
        .map(String::trim)
        .toList();
  }

  /** The labels of every menu entry, including the ones that are not available yet. */
  public List<String> menuEntries() {
    return browser.all(By.cssSelector("#menu .ui-menuitem-text")).stream()
        .map(WebElement::getText)
        .map(String::trim)
        .toList();
  }

  private static By menu(String label) {
    return By.xpath("//nav//a[.//span[normalize-space()='" + label + "']]");
  }

  public LibraryPage library() {
    browser.click(menu("Models Library"));
    return new LibraryPage(browser).loaded();
  }

  public IntegrationsPage integrations() {
    browser.click(menu("Integrations"));
    return new IntegrationsPage(browser).loaded();
  }

  public VariablesPage variables() {
    browser.click(menu("Variables"));
    return new VariablesPage(browser).loaded();
  }

  public ApiKeysPage apiKeys() {
    browser.click(menu("API Keys"));
    return new ApiKeysPage(browser).loaded();
  }

  public AuditPage audit() {
    browser.click(menu("Audit Log"));
    return new AuditPage(browser).loaded();
  }

  public RoutingPage routing() {
    browser.click(menu("Features & Routing"));
    return new RoutingPage(browser).loaded();
  }

  public UsagePage usage() {
    browser.click(menu("Usage"));
    return new UsagePage(browser).loaded();
  }

  public LimitsPage limits() {
    browser.click(menu("Limits & Alerts"));
    return new LimitsPage(browser).loaded();
  }

  public SettingsPage settings() {
    browser.click(menu("Settings"));
    return new SettingsPage(browser).loaded();
  }
}
