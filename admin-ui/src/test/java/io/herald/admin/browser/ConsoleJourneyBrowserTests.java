package io.herald.admin.browser;

import io.herald.admin.support.BrowserTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium, end to end, as the people using it would go.
 */
class ConsoleJourneyBrowserTests extends BrowserTestSupport {

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
		String password = waitFor(By.id("new-password")).getText();
		assertThat(password).hasSize(20);
		screenshot("users");
		assertFitsOnAPhone();
		signOut();

		signIn(admin, password);
		assertThat(h1()).isEqualTo("Dashboard");
		assertThat(browser.findElement(By.className("tenant-name")).getText()).isEqualTo("Journey & Co");
		assertThat(browser.findElements(By.linkText("Tenants"))).as("operator pages hidden").isEmpty();
		assertThat(browser.findElement(By.cssSelector("nav.sections")).getText()).contains("Dashboard", "Event types",
				"Templates", "Subscriptions", "Recipients", "Notifications", "Replays", "Channels", "API keys",
				"Audit log", "Users");
		screenshot("dashboard");
		assertFitsOnAPhone();
	}

}
