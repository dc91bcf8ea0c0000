package dev.switchboard.app.console;

import org.openqa.selenium.By;

/** The sign-in form. */
public final class SignInPage {

  private final Browser browser;

  public SignInPage(Browser browser) {
    this.browser = browser;
  }

  public static SignInPage open(Browser browser) {
    browser.open("/console/");
    browser.waitFor(By.id("login"));
    return new SignInPage(browser);
  }

  /** Signs in with the keyboard only: Tab from the user name to the password, then Enter. */
  public Console signInWithKeyboard(String user, String password) {
    browser.find(By.id("username")).sendKeys(user, org.openqa.selenium.Keys.TAB);
    browser.driver().switchTo().activeElement().sendKeys(password, org.openqa.selenium.Keys.ENTER);
    browser.waitFor(By.id("signed-in-user"));
    return new Console(browser);
  }

  /** Signs in and lands on the status page, the console's home. */
  public Console signIn(String user, String password) {
    browser.type(By.id("username"), user);
    browser.type(By.id("password"), password);
    browser.screenshot("sign-in");
    browser.click(By.id("sign-in"));
    browser.waitFor(By.id("signed-in-user"));
    return new Console(browser);
  }
}
