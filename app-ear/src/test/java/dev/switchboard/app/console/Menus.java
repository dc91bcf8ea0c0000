package dev.switchboard.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Choosing in a PrimeFaces {@code selectOneMenu} with {@code filter="true"} on a loaded machine:
 * the overlay animates in, so each attempt waits for it to be visible, narrows it by typing into
 * its filter, clicks the only matching item, and checks the hidden select took the choice.
 */
final class Menus {

  private Menus() {}

  static void choose(Browser browser, String menuId, String label) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      browser.click(By.id(menuId));
      browser.find(By.id(menuId + "_panel"));
      WebElement filter = browser.find(By.id(menuId + "_filter"));
      filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      filter.sendKeys(label);
      By item =
          By.xpath(
              "//*[@id='"
                  + menuId
                  + "_panel']//li[contains(@class,'ui-selectonemenu-item')][normalize-space()="
                  + Browser.xpathLiteral(label)
                  + "]");
      browser.find(item);
      browser.click(item);
      if (label.equals(selected(browser, menuId))) {
        return;
      }
    }
    throw new AssertionError("could not choose " + label + " in " + menuId);
  }

  static String selected(Browser browser, String menuId) {
    Object text =
        browser.script(
            "var s = document.getElementById(arguments[0] + '_input');"
                + " return s && s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : null;",
            menuId);
    return text == null ? null : text.toString();
  }
}
