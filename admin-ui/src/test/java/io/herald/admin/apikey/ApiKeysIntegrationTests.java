package io.herald.admin.apikey;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.apikey.ApiKeyScope;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.apikey.VerifiedApiKey;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern SHOWN_KEY = Pattern.compile("<code id=\"new-key\">(hrld_[A-Za-z0-9_]+)</code>");

	@Autowired
	ApiKeyManagement keys;

	@Test
	void anAdminIssuesAScopedKeyThatIsShownOnceAndWorks() {
		CreatedTenant tenant = newTenant("Keys Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/api-keys");

		HttpResponse<String> issued = admin.post("/api-keys",
				Map.of("name", "checkout-service", "scopes", "events:write,notifications:read", "expires", ""));

		assertThat(issued.statusCode()).isEqualTo(302);
		HttpResponse<String> page = admin.get("/api-keys");
		Matcher shown = SHOWN_KEY.matcher(page.body());
		assertThat(shown.find()).as("the new key is shown").isTrue();
		VerifiedApiKey verified = this.keys.verify(shown.group(1)).orElseThrow();
		assertThat(verified.scopes()).containsExactlyInAnyOrder(ApiKeyScope.EVENTS_WRITE,
				ApiKeyScope.NOTIFICATIONS_READ);
		assertThat(page.body()).contains("checkout-service").contains("events:write, notifications:read");
		PageChecks.assertWellFormedPage(page.body());
		assertThat(admin.get("/api-keys").body()).as("shown only once").doesNotContain(shown.group(1));
	}

	@Test
	void aKeyWithoutNameOrScopesIsExplainedAndNothingIsIssued() {
		CreatedTenant tenant = newTenant("Bad Keys");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/api-keys");

		HttpResponse<String> refused = admin.post("/api-keys", Map.of("name", " ", "expires", "yesterday"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"name-error\"")
			.contains("Choose at least one scope.")
			.contains("Use a date such as 2027-01-31.");
		PageChecks.assertWellFormedPage(refused.body());
		assertThat(this.keys.list(scope(tenant))).hasSize(1);
	}

	@Test
	void revokingAndRotatingAKey() {
		CreatedTenant tenant = newTenant("Rotate Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		ApiKeyView first = this.keys.list(scope(tenant)).get(0);
		admin.get("/api-keys");

		admin.post("/api-keys/" + first.id() + "/rotate", Map.of("graceMinutes", "5"));
		Matcher successor = SHOWN_KEY.matcher(admin.get("/api-keys").body());
		assertThat(successor.find()).isTrue();
		assertThat(this.keys.verify(successor.group(1))).isPresent();
		assertThat(this.keys.verify(tenant.apiKey())).as("the old key works during the grace period").isPresent();

		admin.get("/api-keys");
		admin.post("/api-keys/" + first.id() + "/revoke", Map.of());
		String page = admin.get("/api-keys").body();
		assertThat(page).contains("revoked: it is refused within seconds");
		assertThat(this.keys.verify(tenant.apiKey())).isEmpty();
		assertThat(this.keys.verify(successor.group(1))).isPresent();

		admin.get("/api-keys");
		admin.post("/api-keys/" + first.id() + "/rotate", Map.of("graceMinutes", "99999999"));
		assertThat(admin.get("/api-keys").body()).contains("The grace period is 0 to 43200 minutes");
	}

	@Test
	void aViewerSeesTheKeysButCannotChangeThem() {
		CreatedTenant tenant = newTenant("Viewer Keys");
		ApiKeyView key = this.keys.list(scope(tenant)).get(0);
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String page = viewer.get("/api-keys").body();
		HttpResponse<String> revoke = viewer.post("/api-keys/" + key.id() + "/revoke", Map.of());
		HttpResponse<String> issue = viewer.post("/api-keys", Map.of("name", "x", "scopes", "keys:admin"));

		assertThat(page).contains(key.prefix()).doesNotContain("Issue a key").doesNotContain("Revoke");
		assertThat(revoke.statusCode()).isEqualTo(403);
		assertThat(issue.statusCode()).isEqualTo(403);
		assertThat(this.keys.verify(tenant.apiKey())).isPresent();
	}

	@Test
	void anotherTenantsKeyIsNotFound() {
		CreatedTenant mine = newTenant("Mine Keys");
		CreatedTenant theirs = newTenant("Their Keys");
		ApiKeyView foreign = this.keys.list(scope(theirs)).get(0);
		ConsoleClient admin = signedIn(newUser(mine, Role.TENANT_ADMIN));
		admin.get("/api-keys");

		HttpResponse<String> revoke = admin.post("/api-keys/" + foreign.id() + "/revoke", Map.of());

		assertThat(revoke.statusCode()).isEqualTo(404);
		assertThat(this.keys.verify(theirs.apiKey())).isPresent();
		assertThat(admin.get("/api-keys").body()).doesNotContain(foreign.prefix());
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
