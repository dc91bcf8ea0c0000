package dev.switchboard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium at a laptop's 1366x768, driven by the machine's chromedriver (no Selenium
 * Manager download). Every page visited is saved as a screenshot under {@code
 * target/screenshots/<test>/}, and the browser console is checked for JavaScript errors.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path folder;
  private final WebDriverWait wait;
  private int shots;

  public Browser(String baseUrl, String test) {
    System.setProperty(
        "webdriver.chrome.driver",
        System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("switchboard.it.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1366,768");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    this.driver = new ChromeDriver(options);
    this.driver.manage().window().setSize(new Dimension(1366, 768));
    this.baseUrl = baseUrl;
    this.folder = SCREENSHOTS.resolve(test);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  public void open(String path) {
    driver.get(baseUrl + path);
    waitForAjax();
  }

  public WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  public void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    waitForAjax();
  }

  public void type(By by, String text) {
    WebElement e = find(by);
    e.clear();
    e.sendKeys(text);
  }

  /** Replaces an input's whole text (select all, then type), as a person would. */
  public void replace(By by, String text) {
    WebElement e = find(by);
    e.click();
    e.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
    e.sendKeys(org.openqa.selenium.Keys.DELETE);
    e.sendKeys(text);
  }

  /**
   * Chooses an option of a PrimeFaces selectOneMenu by its label, as a person does: opens the menu,
   * waits until its panel has finished opening, types the label into the panel's filter when it has
   * one (long lists), and clicks the option. The panel closes when the page scrolls or a click
   * lands while it animates (seen on a loaded machine): then it is opened and the option clicked
   * again.
   */
  public void choose(String menuId, String label) {
    String panel = menuId + "_panel";
    By option =
        By.xpath(
            "//*[@id='"
                + panel
                + "']//li[contains(@class,'ui-selectonemenu-item') and normalize-space()="
                + xpathLiteral(label)
                + "]");
    for (int attempt = 1; ; attempt++) {
      try {
        click(By.id(menuId));
        wait.until(
            d ->
                Boolean.TRUE.equals(
                    script(
                        "var p = document.getElementById(arguments[0]);"
                            + " return !!p && p.getClientRects().length > 0"
                            + " && !/ui-connected-overlay-enter(-active)?(\\s|$)/.test(p.className)"
                            + " && getComputedStyle(p).opacity === '1';",
                        panel)));
        List<WebElement> filter = driver.findElements(By.id(menuId + "_filter"));
        if (!filter.isEmpty()) {
          filter.get(0).clear();
          filter.get(0).sendKeys(label);
        }
        WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(option));
        item.click();
        waitForAjax();
        return;
      } catch (org.openqa.selenium.WebDriverException e) {
        if (attempt == 3) {
          throw e;
        }
        driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        waitForAjax();
      }
    }
  }

  /**
   * Chooses an option ({@link #choose}) until the menu shows it as chosen: a click that the closing
   * panel swallowed leaves the old choice, silently.
   */
  public void select(String menuId, String label) {
    for (int attempt = 1; attempt <= 3 && !label.equals(chosen(menuId)); attempt++) {
      choose(menuId, label);
    }
    assertThat(chosen(menuId)).as("the choice of " + menuId).isEqualTo(label);
  }

  /** Ticks or unticks the option of a PrimeFaces selectManyCheckbox that has the given value. */
  public void setOption(String groupId, String value, boolean ticked) {
    By box =
        By.xpath(
            "//*[@id='"
                + groupId
                + "']//input[@value="
                + xpathLiteral(value)
                + "]/ancestor::div[contains(@class,'ui-chkbox')][1]"
                + "//div[contains(@class,'ui-chkbox-box')]");
    if (find(box).getAttribute("class").contains("ui-state-active") != ticked) {
      click(box);
    }
  }

  /** The label a PrimeFaces selectOneMenu shows as chosen. */
  public String chosen(String menuId) {
    return find(By.id(menuId + "_label")).getText().trim();
  }

  static String xpathLiteral(String s) {
    return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
  }

  /** The error message shown next to an input (in its {@code sb-field}), or "" when none. */
  public String messageNextTo(String inputId) {
    List<WebElement> m =
        all(
            By.xpath(
                "//*[@id="
                    + xpathLiteral(inputId)
                    + "]/ancestor::*[contains(@class,'sb-field')][1]"
                    + "//*[contains(@class,'ui-message-error')]"));
    return m.isEmpty() ? "" : m.get(0).getText();
  }

  public Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  public void waitFor(By by) {
    find(by);
  }

  public void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** Waits until an input holds the value (an ajax update may still be on its way). */
  /** Whether the field holds {@code value} within {@code seconds}. */
  public boolean hasValueWithin(By by, String value, int seconds) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(seconds))
          .until(d -> value.equals(d.findElement(by).getDomProperty("value")));
      return true;
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
  }

  public void waitForValue(By by, String value) {
    wait.until(d -> value.equals(d.findElement(by).getDomProperty("value")));
  }

  public void waitUntilGone(By by) {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
  }

  /** Waits until PrimeFaces has no ajax request in flight and the page has loaded. */
  public void waitForAjax() {
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.readyState === 'complete'"
                            + " && (!window.PrimeFaces || !PrimeFaces.ajax"
                            + " || PrimeFaces.ajax.Queue.isEmpty())"
                            + " && (!window.jQuery || jQuery.active === 0);")));
  }

  /** Saves what the browser shows now as {@code NN-name.png}. */
  public Path screenshot(String name) {
    waitForAjax();
    Path file = folder.resolve(String.format("%02d-%s.png", ++shots, name));
    try {
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Fails on any SEVERE browser console entry since the last check. */
  public void assertNoJavaScriptErrors() {
    List<LogEntry> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(severe).as("browser console errors").isEmpty();
  }

  public Map<String, Object> capabilities() {
    return driver.getCapabilities().asMap();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
