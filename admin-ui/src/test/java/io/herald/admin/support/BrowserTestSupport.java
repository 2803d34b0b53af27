package io.herald.admin.support;

import io.herald.core.testing.Chromium;
import io.herald.core.testing.ConsoleBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One real headless Chromium per test class against the shared console context. With
 * {@code -Dherald.screenshots=
 *
<dir>
 * } (the docs use {@code ../docs/screenshots}) the tests save what they see as PNGs. The
 * person at the browser is {@link ConsoleBrowser}.
 */
public abstract class BrowserTestSupport extends ConsoleIntegrationTestSupport {

	protected static final Dimension DESKTOP = ConsoleBrowser.DESKTOP;

	protected static final Dimension PHONE = ConsoleBrowser.PHONE;

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

	private ConsoleBrowser person() {
		return new ConsoleBrowser(browser, "http://127.0.0.1:" + this.port);
	}

	protected void open(String path) {
		person().open(path);
	}

	protected WebElement waitFor(By locator) {
		return person().waitFor(locator);
	}

	protected void signIn(String username, String password) {
		person().signIn(username, password);
	}

	protected void signOut() {
		person().signOut();
	}

	/**
	 * Types into the field whose visible label points at it, as a person would find it.
	 */
	protected void fill(String id, String value) {
		person().fill(id, value);
	}

	protected void click(String text) {
		person().click(text);
	}

	protected String h1() {
		return person().h1();
	}

	/** At phone width the page fits: nothing makes the whole page scroll sideways. */
	protected void assertFitsOnAPhone() {
		person().assertFitsOnAPhone();
	}

	protected void screenshot(String name) {
		person().screenshot(name);
	}

}
