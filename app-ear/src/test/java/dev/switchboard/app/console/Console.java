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

  /**
   * Clicks a menu entry and waits for its page; a click that landed while the previous page was
   * still settling (seen on a loaded machine) is made once more.
   */
  private void openFromMenu(String label, String page) {
    for (int attempt = 0; attempt < 2; attempt++) {
      browser.click(menu(label));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (browser.currentUrl().contains("/console/" + page)) {
          return;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static By menu(String label) {
    return By.xpath("//nav//a[.//span[normalize-space()='" + label + "']]");
  }

  /** Signs out; the sign-in page shows again. */
  public SignInPage signOut() {
    browser.click(By.id("session:sign-out"));
    browser.waitFor(By.id("login"));
    return new SignInPage(browser);
  }

  public LibraryPage library() {
    openFromMenu("Models Library", "library.xhtml");
    return new LibraryPage(browser).loaded();
  }

  public IntegrationsPage integrations() {
    openFromMenu("Integrations", "integrations.xhtml");
    return new IntegrationsPage(browser).loaded();
  }

  public AuthProfilesPage authProfiles() {
    openFromMenu("Auth Profiles", "admin/auth-profiles.xhtml");
    return new AuthProfilesPage(browser).loaded();
  }

  public VariablesPage variables() {
    openFromMenu("Variables", "variables.xhtml");
    return new VariablesPage(browser).loaded();
  }

  public ApiKeysPage apiKeys() {
    openFromMenu("API Keys", "keys.xhtml");
    return new ApiKeysPage(browser).loaded();
  }

  public AuditPage audit() {
    openFromMenu("Audit Log", "admin/audit.xhtml");
    return new AuditPage(browser).loaded();
  }

  public RoutingPage routing() {
    openFromMenu("Features & Routing", "admin/routing.xhtml");
    return new RoutingPage(browser).loaded();
  }

  public UsagePage usage() {
    openFromMenu("Usage", "usage.xhtml");
    return new UsagePage(browser).loaded();
  }

  public LimitsPage limits() {
    openFromMenu("Limits & Alerts", "limits.xhtml");
    return new LimitsPage(browser).loaded();
  }

  public SettingsPage settings() {
    openFromMenu("Settings", "admin/settings.xhtml");
    return new SettingsPage(browser).loaded();
  }
}
