package io.herald.admin.browser;

import java.time.Duration;

import io.herald.admin.support.BrowserTestSupport;
import io.herald.core.audit.Actor;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The template editor and the channel settings in a real headless Chromium: the preview
 * follows the typing under the strict Content-Security-Policy, the e-mail is drawn in its
 * sandboxed frame, and a secret typed once is never put back into the page.
 */
class TemplatesAndChannelsBrowserTests extends BrowserTestSupport {

	@Autowired
	EventTypeManagement eventTypes;

	@Autowired
	JsonMapper json;

	@Autowired
	TemplateManagement templates;

	@Test
	void aTenantAdminWritesATemplateWatchingThePreviewThenComparesVersionsAndSetsUpEmail() {
		CreatedTenant tenant = newTenant("Editor & Co");
		this.eventTypes.create(new TenantScope(tenant.tenant().getId(), Actor.SYSTEM), new EventTypeDraft(
				"UserRegistered", "A user signed up", null, this.json.readTree("{\"user\": {\"name\": \"Ada\"}}")));
		String admin = newUser(tenant, Role.TENANT_ADMIN);
		signIn(admin, password(admin));

		click("Templates");
		assertThat(h1()).isEqualTo("Templates");
		click("Create a template");
		fill("name", "welcome");
		new Select(browser.findElement(By.id("sample"))).selectByValue("UserRegistered");
		fill("subject", "Welcome, {{ data.user.name }}");
		fill("body", "<h2>Hello {{ data.user.name }}</h2>\n<p>Thanks for joining.</p>\n<script>alert(1)</script>");
		// the last preview has the whole body; earlier ones (htmx swaps them in as typing
		// goes on) may have part of it
		waitUntil(() -> browser.findElements(By.id("preview-frame"))
			.stream()
			.anyMatch((preview) -> preview.getAttribute("srcdoc").endsWith("</script>")));
		assertThat(browser.findElement(By.id("preview-subject")).getText()).isEqualTo("Welcome, Ada");
		WebElement frame = browser.findElement(By.id("preview-frame"));
		assertThat(frame.getAttribute("sandbox")).isEmpty();
		browser.switchTo().frame(frame);
		assertThat(waitFor(By.tagName("h2")).getText()).as("the e-mail drawn in its sandboxed frame")
			.isEqualTo("Hello Ada");
		browser.switchTo().defaultContent();
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
		screenshot("template-editor");
		assertFitsOnAPhone();

		fill("body", "<p>{% if %}</p>");
		waitUntil(() -> browser.findElement(By.id("preview")).getText().contains("Body: invalid Liquid"));
		fill("body", "<h2>Hello {{ data.user.name }}</h2>\n<p>Thanks for joining.</p>");
		click("Create template");
		assertThat(h1()).isEqualTo("welcome");
		fill("body", "<h2>Hello {{ data.user.name }}</h2>\n<p>Welcome aboard.</p>");
		click("Save as version 2");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Saved as version 2.");

		click("Versions and diffs");
		assertThat(h1()).isEqualTo("Versions of welcome");
		assertThat(versionLinks()).as("newest first").containsExactly("v2", "v1");
		assertThat(browser.findElement(By.linkText("Review rollback to v1")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.linkText("Older versions"))).as("one page holds both").isEmpty();
		screenshot("template-versions");
		assertFitsOnAPhone();
		click("Show the diff");
		assertThat(h1()).isEqualTo("welcome: v1 → v2");
		assertThat(browser.findElement(By.cssSelector(".diff .removed")).getText()).contains("Thanks for joining.");
		assertThat(browser.findElement(By.cssSelector(".diff .added")).getText()).contains("Welcome aboard.");
		screenshot("template-diff");
		assertFitsOnAPhone();

		click("Templates");
		assertThat(browser.findElement(By.linkText("welcome")).isDisplayed()).isTrue();
		assertFitsOnAPhone();
		click("Channels");
		assertThat(h1()).isEqualTo("Channels");
		click("Use SMTP");
		fill("host", "smtp.example.com");
		fill("port", "2525");
		fill("username", "mailer");
		fill("password", "never-shown-again");
		fill("from", "Editor & Co <hello@example.com>");
		click("Save EMAIL settings");
		assertThat(h1()).isEqualTo("Channels");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("smtp.example.com").contains("********");
		screenshot("channels");
		assertFitsOnAPhone();
		click("Edit SMTP");
		assertThat(browser.findElement(By.id("password")).getAttribute("value")).isEmpty();
		assertThat(browser.getPageSource()).doesNotContain("never-shown-again");
		assertFitsOnAPhone();

		// fifty more saves (over the API, say): the Versions page shows fifty, newest
		// first, and "Older versions" follows its cursor to the two left
		TenantScope scope = new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
		for (int version = 3; version <= 52; version++) {
			this.templates.create(scope, new TemplateDraft("welcome", "EMAIL", "en", "Welcome, {{ data.user.name }}",
					"<p>Version " + version + "</p>"));
		}
		click("Templates");
		click("welcome");
		click("Versions and diffs");
		assertThat(versionLinks()).hasSize(50).startsWith("v52", "v51").endsWith("v4", "v3");
		click("Older versions");
		assertThat(h1()).isEqualTo("Versions of welcome");
		assertThat(versionLinks()).containsExactly("v2", "v1");
		assertThat(browser.findElements(By.linkText("Older versions"))).isEmpty();
	}

	private static java.util.List<String> versionLinks() {
		return browser.findElements(By.cssSelector("tbody tr td:first-child a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> condition.getAsBoolean());
	}

}
