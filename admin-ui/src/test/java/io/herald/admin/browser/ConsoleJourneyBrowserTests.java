package io.herald.admin.browser;

import io.herald.admin.support.BrowserTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console in a real headless Chromium, end to end, as the people using it would go.
 */
class ConsoleJourneyBrowserTests extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	/** What the worker would have written for the tenant over the last hours. */
	private void deliveriesOfTheLastHours(String slug) {
		UUID tenantId = this.tenants.findBySlug(slug).orElseThrow().getId();
		DeliveryFixtures orders = new DeliveryFixtures(this.jdbc, tenantId, "OrderPlaced");
		DeliveryFixtures signups = new DeliveryFixtures(this.jdbc, tenantId, "InvoicePaid");
		Instant now = Instant.now();
		for (int i = 0; i < 30; i++) {
			Instant at = now.minus((i * 37L) % (23 * 60), ChronoUnit.MINUTES);
			(i % 3 == 0 ? signups : orders).notification("evt-" + i, (i % 11 == 5) ? "RETRYING" : "SENT", "user-" + i,
					at);
		}
		for (int i = 0; i < 2; i++) {
			UUID dead = orders.notification("evt-dead-" + i, "DEAD", "user-d" + i, now.minus(i + 1, ChronoUnit.HOURS));
			orders.attempt(dead, 1, "RETRY", 500, "HTTP 500 from receiver", now.minus(i + 1, ChronoUnit.HOURS));
			orders.attempt(dead, 2, "RETRY", 500, "HTTP 500 from receiver", now.minus(i, ChronoUnit.HOURS));
		}
	}

	@Test
	void operatorCreatesATenantAndItsAdminWhoThenSignsInToTheirDashboard() {
		String slug = unique("journey");
		open("/login");
		screenshot("login");
		assertFitsOnAPhone();
		signIn(OPERATOR, OPERATOR_PASSWORD);
		assertThat(h1()).isEqualTo("Dashboard");

		click("Tenants");
		assertThat(h1()).isEqualTo("Tenants");
		click("Create a tenant");
		fill("slug", slug);
		fill("name", "Journey & Co");
		click("Create tenant");
		String apiKey = waitFor(By.id("new-api-key")).getText();
		assertThat(apiKey).isNotBlank();
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Journey & Co")
			.contains("shown only this once");
		screenshot("tenants");
		assertFitsOnAPhone();

		click("Users");
		click("Create a user");
		String admin = slug + "-admin@example.com";
		fill("username", admin);
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("tenant"))).selectByValue(slug);
		click("Create user");
		String firstPassword = waitFor(By.id("new-password")).getText();
		assertThat(firstPassword).hasSize(20);
		screenshot("users");
		assertFitsOnAPhone();
		// the first password went astray: the operator gives the admin a new one-time one
		browser.findElement(By.cssSelector("button[aria-label='Reset password of " + admin + "']")).click();
		waitFor(By.xpath("//strong[normalize-space()='Password of " + admin + " reset.']"));
		String password = browser.findElement(By.id("new-password")).getText();
		assertThat(password).hasSize(20).isNotEqualTo(firstPassword);
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Active, must change the one-time password");
		screenshot("users-password-reset");
		assertFitsOnAPhone();
		signOut();
		deliveriesOfTheLastHours(slug);

		signIn(admin, password);
		assertThat(h1()).as("a one-time password must be changed first").isEqualTo("Change your password");
		assertThat(browser.findElements(By.cssSelector("nav.sections"))).as("no way around it").isEmpty();
		assertThat(browser.findElement(By.cssSelector("main form")).getSize().getWidth())
			.as("without the section list the form has the page's width, not the list's column")
			.isGreaterThan(400);
		screenshot("change-password");
		assertFitsOnAPhone();
		fill("currentPassword", password);
		fill("newPassword", "journey admin's own password");
		fill("confirmation", "journey admin's own password");
		click("Save new password");
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Your password has been changed.");
		assertThat(browser.findElement(By.className("tenant-name")).getText()).isEqualTo("Journey & Co");
		assertThat(browser.findElements(By.linkText("Tenants"))).as("operator pages hidden").isEmpty();
		assertThat(browser.findElement(By.cssSelector("nav.sections")).getText()).contains("Dashboard", "Event types",
				"Templates", "Subscriptions", "Recipients", "Notifications", "Replays", "Channels", "API keys",
				"Audit log", "Users");
		assertThat(browser.findElement(By.linkText("Change password")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("consumer-lag")).getText()).as("the pipeline card, Kafka answering")
			.matches("(?s)\\d+\\s+events waiting for the worker \\(consumer lag, all tenants\\)");
		assertThat(browser.findElements(By.id("dead-letter-size"))).as("the dead-letter topic is the operator's")
			.isEmpty();
		screenshot("dashboard");
		assertFitsOnAPhone();

		click("DEAD: retries exhausted");
		assertThat(h1()).isEqualTo("Notifications");
		assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(2);
		screenshot("notifications");
		assertFitsOnAPhone();
		browser.findElement(By.cssSelector("tbody tr a")).click();
		assertThat(h1()).startsWith("Notification");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("HTTP 500 from receiver");
		screenshot("notification");
		assertFitsOnAPhone();

		click("Event types");
		click("Create an event type");
		fill("name", "SendEmail");
		assertThat(waitFor(By.cssSelector("#command-warning .alert")).getText())
			.as("htmx checks the name as it is typed, under the strict CSP")
			.contains("“SendEmail” reads like a command.");
		screenshot("event-type-command-warning");
		fill("name", "UserRegistered");
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#command-warning .alert")));
		fill("description", "<script>alert(1)</script>");
		fill("sample", "{\"user\": {\"name\": \"Ada\"}}");
		click("Create event type");
		assertThat(h1()).isEqualTo("UserRegistered");
		assertThat(browser.findElement(By.id("description")).getAttribute("value"))
			.isEqualTo("<script>alert(1)</script>");
		click("← Event types");
		assertThat(browser.findElement(By.xpath("//td[normalize-space()='<script>alert(1)</script>']")).isDisplayed())
			.as("the description is shown as text")
			.isTrue();
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		screenshot("event-types");
		assertFitsOnAPhone();
	}

}
