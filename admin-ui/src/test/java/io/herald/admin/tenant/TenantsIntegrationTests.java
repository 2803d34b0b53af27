package io.herald.admin.tenant;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantsIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern SHOWN_KEY = Pattern.compile("id=\"new-api-key\">([^<]+)<");

	@Test
	void operatorSeesTenantsCreatedThroughCoreWithTheirNamesEscaped() {
		CreatedTenant created = newTenant("Acme & <Sons>");

		HttpResponse<String> page = operator().get("/tenants");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(created.tenant().getSlug())
			.contains("Acme &amp; &lt;Sons&gt;")
			.doesNotContain("<Sons>")
			.doesNotContain(created.apiKey());
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void operatorCreatesATenantAndSeesItsFirstApiKeyExactlyOnce() {
		ConsoleClient operator = operator();
		operator.get("/tenants");
		String slug = unique("created");

		HttpResponse<String> created = operator.post("/tenants", Map.of("slug", slug, "name", "Created Co"));

		assertThat(created.statusCode()).isEqualTo(302);
		HttpResponse<String> shown = operator.get("/tenants");
		Matcher key = SHOWN_KEY.matcher(shown.body());
		assertThat(key.find()).isTrue();
		assertThat(shown.body()).contains("shown only this once").contains(slug);
		assertThat(this.tenants.findBySlug(slug)).isPresent();
		assertThat(operator.get("/tenants").body()).doesNotContain(key.group(1)).doesNotContain("new-api-key");
	}

	@Test
	void aBadOrDuplicateSlugIsExplainedNextToTheFieldAndNothingIsCreated() {
		CreatedTenant existing = newTenant("Existing");
		ConsoleClient operator = operator();
		operator.get("/tenants");

		HttpResponse<String> bad = operator.post("/tenants", Map.of("slug", "Not A Slug!", "name", "Bad"));
		HttpResponse<String> duplicate = operator.post("/tenants",
				Map.of("slug", existing.tenant().getSlug(), "name", "Again"));
		HttpResponse<String> empty = operator.post("/tenants", Map.of("slug", "", "name", ""));

		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("lower-case letters, digits and dashes").contains("aria-invalid=\"true\"");
		assertThat(duplicate.body()).contains("A tenant with this slug already exists.");
		assertThat(empty.body()).contains("Enter a slug.").contains("Enter a name.");
		assertThat(this.tenants.findBySlug("not-a-slug")).isEmpty();
		PageChecks.assertWellFormedPage(bad.body());
	}

	@Test
	void tenantAdminCannotCreateTenants() {
		CreatedTenant tenant = newTenant("Admin Only");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/");
		String slug = unique("sneaky");

		HttpResponse<String> response = admin.post("/tenants", Map.of("slug", slug, "name", "Sneaky"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.tenants.findBySlug(slug)).isEmpty();
	}

	@Test
	void operatorSwitchesToATenantAndBackToAllTenants() {
		CreatedTenant tenant = newTenant("Switch Target");
		ConsoleClient operator = operator();
		operator.get("/");

		HttpResponse<String> switched = operator.post("/tenant-switch",
				Map.of("tenant", tenant.tenant().getSlug(), "back", "/tenants"));

		assertThat(switched.headers().firstValue("Location").orElseThrow()).endsWith("/tenants");
		assertThat(operator.get("/").body()).contains("<option value=\"" + tenant.tenant().getSlug() + "\" selected");
		operator.post("/tenant-switch", Map.of("tenant", "", "back", "https://evil.example/"));
		assertThat(operator.get("/").body()).contains("<option value=\"\" selected");
	}

	@Test
	void theSwitcherNeverRedirectsAwayFromTheConsole() {
		ConsoleClient operator = operator();
		operator.get("/");

		for (String back : new String[] { "https://evil.example/", "//evil.example/", "/\\evil.example" }) {
			HttpResponse<String> response = operator.post("/tenant-switch", Map.of("tenant", "", "back", back));
			assertThat(response.headers().firstValue("Location").orElseThrow()).as(back)
				.isEqualTo("http://127.0.0.1:" + this.port + "/");
		}
	}

}
