package io.herald.admin.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.herald.admin.support.BrowserTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay from the console in real Chromium: dry run, confirm, and the progress bar that
 * htmx refreshes (under the strict CSP) until the job ends.
 */
class ReplayBrowserTests extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void tenantAdminReplaysDeadNotificationsAndWatchesTheProgressBarReachTheEnd() {
		CreatedTenant tenant = newTenant("Replay Journey");
		String type = unique("OrderPlaced");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), type);
		for (int i = 0; i < 3; i++) {
			fixtures.notification(unique("evt"), "DEAD", "user-" + i, Instant.now().minusSeconds(i));
		}
		String admin = newUser(tenant, Role.TENANT_ADMIN);
		signIn(admin, password(admin));

		click("Replays");
		assertThat(h1()).isEqualTo("Replays");
		browser.findElement(By.id("replay-status-dead")).click();
		fill("replay-eventType", type);
		fill("replay-ratePerSecond", "20");
		browser.findElement(By.id("replay-newMessageId")).click();
		screenshot("replays");
		assertFitsOnAPhone();
		click("Dry run");
		assertThat(h1()).isEqualTo("Replay dry run");
		assertThat(browser.findElement(By.id("matched")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.cssSelector("dl[aria-label=Options]")).getText())
			.contains("20 notifications per second")
			.contains("yes: receivers see a new webhook-id / message id");
		screenshot("replay-dry-run");
		assertFitsOnAPhone();
		click("Start the replay");
		assertThat(h1()).isEqualTo("Notification replay");
		UUID job = UUID.fromString(browser.getCurrentUrl().replaceAll(".*/replays/", ""));
		assertThat(browser.findElement(By.id("job-rate")).getText()).isEqualTo("20 notifications per second");
		assertThat(browser.findElement(By.id("job-new-message-id")).getText()).startsWith("yes");

		advance(job, "RUNNING", 3, 1);
		waitUntil(By.cssSelector("#replay-progress progress"), "value", "33");
		screenshot("replay");
		assertFitsOnAPhone();

		advance(job, "SUCCEEDED", 3, 3);
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.id("replay-result")).getText().startsWith("3 of 3"));
		assertThat(browser.findElement(By.id("replay-progress")).getAttribute("hx-trigger"))
			.as("polling stops when the job ends")
			.isNull();
		assertThat(browser.findElement(By.cssSelector("#replay-progress progress")).getAttribute("value"))
			.isEqualTo("100");
	}

	private void waitUntil(By locator, String attribute, String value) {
		// htmx replaces the fragment every 2 s: an element found may be gone a moment
		// later
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> value.equals(driver.findElement(locator).getAttribute(attribute)));
	}

	/** What the worker's runner writes as it goes. */
	private void advance(UUID id, String status, int matched, int processed) {
		this.jdbc.sql("""
				UPDATE replay_job SET status = :status, matched = :matched, processed = :processed,
				    requeued = :processed, started_at = now(),
				    finished_at = CASE WHEN :status = 'RUNNING' THEN NULL ELSE now() END
				WHERE id = :id""")
			.param("status", status)
			.param("matched", matched)
			.param("processed", processed)
			.param("id", id)
			.update();
	}

}
