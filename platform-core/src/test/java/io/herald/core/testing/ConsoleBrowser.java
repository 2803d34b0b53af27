package io.herald.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at the console in a real Chromium: finds fields by their visible labels and
 * buttons by what they say. Shared by the console's own browser tests and the end-to-end
 * journey of the whole local stack. With {@code -Dherald.screenshots=
 *
<dir>
 * } (the docs use {@code ../docs/screenshots}) it saves what it sees as PNGs.
 */
public final class ConsoleBrowser {

	public static final Dimension DESKTOP = new Dimension(1280, 900);

	public static final Dimension PHONE = new Dimension(390, 844);

	private final ChromeDriver driver;

	private final String baseUrl;

	public ConsoleBrowser(ChromeDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	public WebElement waitFor(By locator) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(30))
			.until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	/**
	 * Waits until the page's deferred scripts ran (htmx wires its triggers then): typing
	 * earlier, on a busy machine, goes unheard by the page.
	 */
	public void awaitScripts() {
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until((driver) -> (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return document.readyState === 'complete' && typeof window.htmx !== 'undefined';"));
	}

	public void signIn(String username, String password) {
		this.driver.manage().deleteAllCookies();
		open("/login");
		fill("username", username);
		fill("password", password);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(By.tagName("h1"));
	}

	public void signOut() {
		this.driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		waitFor(By.id("username"));
	}

	/**
	 * Types into the field whose visible label points at it, as a person would find it.
	 */
	public void fill(String id, String value) {
		assertThat(this.driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for #%s", id)
			.isNotEmpty();
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	/**
	 * Clicks the link, button or summary saying {@code text}. When the click loads
	 * another page (a plain link or a form submission, not an htmx request) it returns
	 * once the old page is gone, so that the next read sees the new page and not the one
	 * the click left (on a busy machine the old page lingers for a while).
	 */
	public void click(String text) {
		WebElement target = this.driver.findElement(
				By.xpath("//*[(self::a or self::button or self::summary) and normalize-space()='" + text + "']"));
		boolean navigates = navigates(target);
		// the page is marked rather than one of its elements watched for staleness: while
		// the old document is torn down Chromium may answer a question about its element
		// with "Node with given id does not belong to the document" instead of "stale"
		String mark = "herald-page-" + java.util.UUID.randomUUID();
		if (navigates) {
			this.driver.executeScript("window.heraldPage = arguments[0];", mark);
		}
		target.click();
		if (navigates) {
			try {
				new WebDriverWait(this.driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
					.until((driver) -> !mark
						.equals(((JavascriptExecutor) driver).executeScript("return window.heraldPage;")));
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				// the browser did not leave the page (a form it refused to submit): the
				// caller's next check says what is on it
			}
		}
	}

	private static boolean navigates(WebElement target) {
		if (htmx(target)) {
			return false;
		}
		return switch (target.getTagName().toLowerCase(java.util.Locale.ROOT)) {
			case "a" -> {
				String href = target.getDomAttribute("href");
				yield href != null && !href.startsWith("#") && target.getDomAttribute("target") == null;
			}
			case "button" -> {
				String type = target.getDomAttribute("type");
				WebElement form = target.findElements(By.xpath("ancestor::form")).stream().findFirst().orElse(null);
				yield form != null && (type == null || "submit".equalsIgnoreCase(type)) && !htmx(form);
			}
			default -> false;
		};
	}

	private static boolean htmx(WebElement element) {
		for (String attribute : new String[] { "hx-get", "hx-post", "hx-put", "hx-delete", "hx-patch", "hx-boost" }) {
			if (element.getDomAttribute(attribute) != null) {
				return true;
			}
		}
		return false;
	}

	public String h1() {
		return waitFor(By.tagName("h1")).getText();
	}

	/** At phone width the page fits: nothing makes the whole page scroll sideways. */
	public void assertFitsOnAPhone() {
		this.driver.manage().window().setSize(PHONE);
		try {
			// charts follow the new width a frame later (ResizeObserver): give the layout
			// a moment
			try {
				new WebDriverWait(this.driver, Duration.ofSeconds(5))
					.until((driver) -> (Boolean) ((JavascriptExecutor) driver).executeScript(
							"return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"));
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				// reported below with the elements that stick out
			}
			Object wide = this.driver.executeScript(
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
			assertThat(wide).as("elements wider than 390 px on %s", this.driver.getCurrentUrl()).isEqualTo("");
			assertThat(this.driver.findElement(By.tagName("h1")).isDisplayed()).isTrue();
		}
		finally {
			this.driver.manage().window().setSize(DESKTOP);
		}
	}

	public void screenshot(String name) {
		String directory = System.getProperty("herald.screenshots");
		if (directory == null || directory.isBlank()) {
			return;
		}
		try {
			Path target = Path.of(directory).resolve(name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
