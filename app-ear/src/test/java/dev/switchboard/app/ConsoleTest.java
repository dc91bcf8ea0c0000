package dev.switchboard.app;

import dev.switchboard.app.console.Browser;
import dev.switchboard.app.console.Console;
import dev.switchboard.app.console.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A browser test of the console: one headless Chromium per test, named after the test method (its
 * screenshots' folder), closed after a last screenshot.
 */
abstract class ConsoleTest {

  protected Browser browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.screenshot("end");
      browser.close();
    }
  }

  protected Browser openBrowser(TestInfo test) {
    browser = new Browser(SwitchboardServer.BASE_URL, test.getTestMethod().orElseThrow().getName());
    return browser;
  }

  protected Console signInAsAdmin(TestInfo test) {
    return SignInPage.open(openBrowser(test)).signIn("admin", SwitchboardServer.adminPassword());
  }
}
