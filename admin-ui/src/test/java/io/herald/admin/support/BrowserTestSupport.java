package io.herald.admin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real headless Chromium per test class against the shared console context. With
 * {@code -Dherald.screenshots=
 *
<dir>
 * } (the docs use {@code ../docs/screenshots}) the tests save what they see as PNGs.
 */
public abstract class BrowserTestSupport extends ConsoleIntegrationTestSupport {

	protected static final Dimension DESKTOP = new Dimension(1280, 900);

	protected static final Dimension PHONE = new Dimension(390, 844);

	protected static ChromeDriver browser;

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	protected void open(String path) {
		browser.get("http://127.0.0.1:" + this.port + path);
	}

	protected WebElement waitFor(By locator) {
		return new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	protected void signIn(String username, String password) {
		browser.manage().deleteAllCookies();
		open("/login");
		fill("username", username);
		fill("password", password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(By.tagName("h1"));
	}

	protected void signOut() {
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waitFor(By.id("username"));
	}

	/**
	 * Types into the field whose visible label points at it, as a person would find it.
	 */
	protected void fill(String id, String value) {
		assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for #%s", id)
			.isNotEmpty();
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	protected void click(String text) {
		browser
			.findElement(
					By.xpath("//*[(self::a or self::button or self::summary) and normalize-space()='" + text + "']"))
			.click();
	}

	protected String h1() {
		return waitFor(By.tagName("h1")).getText();
	}

	/** At phone width the page fits: nothing makes the whole page scroll sideways. */
	protected void assertFitsOnAPhone() {
		browser.manage().window().setSize(PHONE);
		try {
			// charts follow the new width a frame later (ResizeObserver): give the layout
			// a moment
			try {
				new WebDriverWait(browser, Duration.ofSeconds(5))
					.until((driver) -> (Boolean) ((JavascriptExecutor) driver).executeScript(
							"return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"));
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				// reported below with the elements that stick out
			}
			Object wide = ((JavascriptExecutor) browser).executeScript(
					"""
								const width = document.documentElement.clientWidth;
								if (document.documentElement.scrollWidth <= width) { return ''; }
								return [...document.querySelectorAll('body *')]
									.filter((e) => e.getBoundingClientRect().right > width + 1)
							.filter((e) => { for (let p = e.parentElement; p; p = p.parentElement) {
								if (getComputedStyle(p).overflowX !== 'visible') { return false; } } return true; })
									.slice(0, 8)
									.map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
										+ ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
									.join(', ');
								""");
			assertThat(wide).as("elements wider than 390 px on %s", browser.getCurrentUrl()).isEqualTo("");
			assertThat(browser.findElement(By.tagName("h1")).isDisplayed()).isTrue();
		}
		finally {
			browser.manage().window().setSize(DESKTOP);
		}
	}

	protected void screenshot(String name) {
		String directory = System.getProperty("herald.screenshots");
		if (directory == null || directory.isBlank()) {
			return;
		}
		try {
			Path target = Path.of(directory).resolve(name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
