package dev.switchboard.app.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Auth Profiles page (admins). */
public final class AuthProfilesPage {

  private final Browser browser;

  AuthProfilesPage(Browser browser) {
    this.browser = browser;
  }

  AuthProfilesPage loaded() {
    browser.waitFor(By.id("profiles:table"));
    browser.screenshot("auth-profiles");
    return this;
  }

  /**
   * Creates a profile.
   *
   * @param kind the kind's label, e.g. "OAuth 2.0 client credentials"
   * @param fields the dialog's inputs by id ({@code username}, {@code secret}, {@code
   *     tokenEndpoint}, ...)
   */
  public AuthProfilesPage create(String name, String kind, Map<String, String> fields) {
    fill(name, kind, fields);
    browser.screenshot("new-auth-profile");
    return save();
  }

  /** Opens the dialog for a new profile and fills it, without saving. */
  public AuthProfilesPage fill(String name, String kind, Map<String, String> fields) {
    browser.click(By.id("profiles:new"));
    browser.waitFor(By.id("profile-dialog"));
    browser.type(By.id("profile-form:name"), name);
    browser.click(
        By.xpath(
            "//*[@id='profile-form:kind']//label[normalize-space()="
                + Browser.xpathLiteral(kind)
                + "]"));
    String first = fields.keySet().iterator().next();
    browser.waitFor(By.id("profile-form:" + first));
    fields.forEach((id, value) -> browser.type(By.id("profile-form:" + id), value));
    return this;
  }

  /** Chooses a keytab file in the open dialog; it is uploaded at once. */
  public AuthProfilesPage keytab(Path file) {
    browser.driver().findElement(By.id("profile-form:keytab_input")).sendKeys(file.toString());
    browser.waitForText(By.id("profile-form:keytab-status"), file.getFileName().toString());
    return this;
  }

  /** Saves the open dialog: it closes unless the service refused something. */
  public AuthProfilesPage save() {
    browser.click(By.id("profile-form:save"));
    browser.waitForAjax();
    if (fieldMessages().isEmpty()) {
      browser.waitUntilGone(By.id("profile-dialog"));
      browser.screenshot("auth-profile-saved");
    }
    return this;
  }

  private List<WebElement> fieldMessages() {
    return browser.all(By.cssSelector("[id='profile-form'] .ui-message-error"));
  }

  /** The message next to a field of the dialog, or "" when there is none. */
  public String fieldMessage(String field) {
    return browser.messageNextTo("profile-form:" + field);
  }

  private WebElement row(String name) {
    return browser.find(
        By.xpath(
            "//tr[.//span[contains(@class,'sb-profile-name') and normalize-space()='"
                + name
                + "']]"));
  }

  public String rowText(String name) {
    return row(name).getText();
  }

  public String usedBy(String name) {
    return row(name).findElement(By.cssSelector(".sb-used-by")).getText();
  }

  /** Deletes a profile after the confirmation and returns what the page says. */
  public String delete(String name) {
    row(name).findElement(By.cssSelector("[id$=':delete']")).click();
    browser.click(By.cssSelector(".ui-confirmdialog-yes"));
    String said = browser.find(By.cssSelector(".ui-growl-message")).getText();
    browser.screenshot("auth-profile-delete");
    return said;
  }

  public AuthProfilesPage screenshot(String name) {
    browser.screenshot(name);
    return this;
  }
}
