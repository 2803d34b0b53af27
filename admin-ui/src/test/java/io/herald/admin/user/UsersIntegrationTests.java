package io.herald.admin.user;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.AppUser;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsersIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern SHOWN_PASSWORD = Pattern.compile("id=\"new-password\">([^<]+)<");

	@Test
	void operatorCreatesATenantAdminWhoSignsInWithTheOneTimePasswordShownOnce() {
		CreatedTenant tenant = newTenant("Users Co");
		ConsoleClient operator = operator();
		operator.get("/users");
		String username = unique("Admin") + "@Example.com";

		HttpResponse<String> created = operator.post("/users",
				Map.of("username", username, "role", "TENANT_ADMIN", "tenant", tenant.tenant().getSlug()));

		assertThat(created.statusCode()).isEqualTo(302);
		HttpResponse<String> shown = operator.get("/users");
		Matcher password = SHOWN_PASSWORD.matcher(shown.body());
		assertThat(password.find()).isTrue();
		assertThat(operator.get("/users").body()).doesNotContain(password.group(1));
		AppUser stored = this.users.findByUsername(username.toLowerCase()).orElseThrow();
		assertThat(stored.getTenantId()).isEqualTo(tenant.tenant().getId());
		assertThat(stored.getRole()).isEqualTo(Role.TENANT_ADMIN);
		assertThat(stored.getPasswordHash()).startsWith("$2").doesNotContain(password.group(1));
		assertThat(stored.isMustChangePassword()).isTrue();
		ConsoleClient admin = client().signedIn(username, password.group(1));
		assertThat(admin.get("/").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).as("the one-time password must be changed")
				.endsWith("/account/password"));
		admin.get("/account/password");
		admin.post("/account/password", Map.of("currentPassword", password.group(1), "newPassword",
				"my own long password", "confirmation", "my own long password"));
		assertThat(admin.get("/").body()).contains("Users Co");
		PageChecks.assertWellFormedPage(shown.body());
	}

	@Test
	void tenantAdminCreatesUsersOnlyInTheirOwnTenantWhateverTheFormSays() {
		CreatedTenant own = newTenant("Own Tenant");
		CreatedTenant other = newTenant("Other Tenant");
		ConsoleClient admin = signedIn(newUser(own, Role.TENANT_ADMIN));
		admin.get("/users");
		String username = unique("viewer") + "@example.com";

		admin.post("/users", Map.of("username", username, "role", "TENANT_VIEWER", "tenant", other.tenant().getSlug()));

		AppUser stored = this.users.findByUsername(username).orElseThrow();
		assertThat(stored.getTenantId()).isEqualTo(own.tenant().getId());
		assertThat(stored.getRole()).isEqualTo(Role.TENANT_VIEWER);
	}

	@Test
	void tenantAdminSeesOnlyTheirOwnTenantsUsers() {
		CreatedTenant own = newTenant("Mine");
		CreatedTenant other = newTenant("Theirs");
		String colleague = newUser(own, Role.TENANT_VIEWER);
		String stranger = newUser(other, Role.TENANT_ADMIN);

		HttpResponse<String> page = signedIn(newUser(own, Role.TENANT_ADMIN)).get("/users");

		assertThat(page.body()).contains(colleague).doesNotContain(stranger).doesNotContain("id=\"tenant\"");
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void viewerSeesUsersWithoutAFormAndTheirPostIsRefused() {
		CreatedTenant tenant = newTenant("Read Only");
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));
		HttpResponse<String> page = viewer.get("/users");
		String username = unique("nope") + "@example.com";

		HttpResponse<String> response = viewer.post("/users", Map.of("username", username, "role", "TENANT_ADMIN"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("Create a user");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.users.findByUsername(username)).isEmpty();
	}

	@Test
	void aTakenOrMalformedUserNameIsExplainedAndNothingIsCreated() {
		CreatedTenant tenant = newTenant("Errors Inc");
		String existing = newUser(tenant, Role.TENANT_VIEWER);
		ConsoleClient operator = operator();
		operator.get("/users");

		HttpResponse<String> taken = operator.post("/users",
				Map.of("username", existing, "role", "TENANT_ADMIN", "tenant", tenant.tenant().getSlug()));
		HttpResponse<String> spaces = operator.post("/users",
				Map.of("username", "has spaces", "role", "TENANT_ADMIN", "tenant", tenant.tenant().getSlug()));
		HttpResponse<String> noTenant = operator.post("/users",
				Map.of("username", unique("x") + "@example.com", "role", "TENANT_ADMIN", "tenant", ""));

		assertThat(taken.body()).contains("This user name is taken.");
		assertThat(spaces.body()).contains("without spaces");
		assertThat(noTenant.body()).contains("Choose the tenant the user belongs to.");
		assertThat(this.users.findByUsername("has spaces")).isEmpty();
		PageChecks.assertWellFormedPage(noTenant.body());
	}

}
