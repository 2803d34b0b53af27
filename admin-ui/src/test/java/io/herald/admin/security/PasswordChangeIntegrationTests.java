package io.herald.admin.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.AppUser;
import io.herald.core.user.CreatedUser;
import io.herald.core.user.Role;
import io.herald.core.user.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-time password must be replaced at the first sign-in, and anyone may change their
 * own password (decision 0085), over real HTTP against the real database.
 */
class PasswordChangeIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final String CHANGE_PAGE = "/account/password";

	private static final String CHOSEN = "a long and unrelated phrase";

	@Autowired
	private UserManagement userManagement;

	@Test
	void aUserWithAOneTimePasswordIsSentToTheChangePageFromEveryPage() {
		CreatedUser user = newUserWithOneTimePassword(Role.TENANT_ADMIN);
		ConsoleClient client = client();

		HttpResponse<String> login = client.login(user.user().username(), user.password());

		assertThat(location(login)).endsWith(CHANGE_PAGE);
		for (String page : List.of("/", "/users", "/event-types", "/templates", "/notifications", "/audit", "/api-keys",
				"/no-such-page")) {
			assertThat(location(client.get(page))).as(page).endsWith(CHANGE_PAGE);
		}
		client.get(CHANGE_PAGE);
		assertThat(location(
				client.post("/users", Map.of("username", unique("x") + "@example.com", "role", "TENANT_VIEWER"))))
			.endsWith(CHANGE_PAGE);
		assertThat(client.get("/css/console.css").statusCode()).isEqualTo(200);
		HttpResponse<String> page = client.get(CHANGE_PAGE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Change your password")
			.contains("You signed in with a one-time password")
			.doesNotContain("Console sections");
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void aWrongCurrentPasswordATooShortOrSamePasswordAndAMismatchAreExplainedAndChangeNothing() {
		CreatedUser user = newUserWithOneTimePassword(Role.TENANT_ADMIN);
		String hash = stored(user).getPasswordHash();
		ConsoleClient client = client();
		client.login(user.user().username(), user.password());
		client.get(CHANGE_PAGE);

		HttpResponse<String> wrong = change(client, "not-the-password", CHOSEN, CHOSEN);
		HttpResponse<String> tooShort = change(client, user.password(), "short-pw", "short-pw");
		HttpResponse<String> same = change(client, user.password(), user.password(), user.password());
		HttpResponse<String> mismatch = change(client, user.password(), CHOSEN, CHOSEN + "!");

		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("This is not your current password.");
		assertThat(tooShort.body()).contains("Use at least 12 characters.");
		assertThat(same.body()).contains("Choose a password different from your current one.");
		assertThat(mismatch.body()).contains("The confirmation differs from the new password")
			.doesNotContain(CHOSEN)
			.doesNotContain(user.password());
		PageChecks.assertWellFormedPage(mismatch.body());
		assertThat(stored(user).getPasswordHash()).isEqualTo(hash);
		assertThat(stored(user).isMustChangePassword()).isTrue();
		assertThat(location(client.get("/"))).endsWith(CHANGE_PAGE);
	}

	@Test
	void afterTheChangeTheOldPasswordFailsTheNewOneWorksAndNothingRedirectsAnyMore() {
		CreatedUser user = newUserWithOneTimePassword(Role.TENANT_ADMIN);
		String username = user.user().username();
		ConsoleClient client = client();
		client.login(username, user.password());
		client.get(CHANGE_PAGE);
		String sessionBefore = client.sessionId();

		HttpResponse<String> changed = change(client, user.password(), CHOSEN, CHOSEN);

		assertThat(location(changed)).endsWith("/");
		assertThat(client.sessionId()).as("a new session id").isNotNull().isNotEqualTo(sessionBefore);
		HttpResponse<String> dashboard = client.get("/");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Your password has been changed.");
		assertThat(client.get("/users").statusCode()).isEqualTo(200);
		AppUser stored = stored(user);
		assertThat(stored.isMustChangePassword()).isFalse();
		assertThat(stored.getPasswordHash()).startsWith("$2").doesNotContain(CHOSEN);
		assertThat(location(client().login(username, user.password()))).endsWith("/login?error");
		assertThat(location(client().login(username, CHOSEN))).doesNotContain("/login").doesNotEndWith(CHANGE_PAGE);
		assertThat(client.get("/audit?action=user.password-changed").body()).contains(username);
	}

	@Test
	void aViewerMayChangeTheirOwnPasswordFromTheHeaderButPostNothingElse() {
		CreatedTenant tenant = newTenant("Viewer Passwords");
		String viewer = newUser(tenant, Role.TENANT_VIEWER);
		ConsoleClient client = signedIn(viewer);
		assertThat(client.get("/").body()).contains("href=\"/account/password\"").contains("Change password");
		client.get(CHANGE_PAGE);

		HttpResponse<String> changed = change(client, password(viewer), CHOSEN, CHOSEN);

		assertThat(location(changed)).endsWith("/");
		assertThat(location(client().login(viewer, CHOSEN))).doesNotContain("/login");
		client.get("/users");
		assertThat(client.post("/users", Map.of("username", unique("nope") + "@example.com", "role", "TENANT_ADMIN"))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void changingAPasswordNeedsTheCsrfToken() {
		CreatedUser user = newUserWithOneTimePassword(Role.TENANT_VIEWER);
		ConsoleClient client = client();
		client.login(user.user().username(), user.password());
		String hash = stored(user).getPasswordHash();

		HttpResponse<String> response = client.postRaw(CHANGE_PAGE,
				Map.of("currentPassword", user.password(), "newPassword", CHOSEN, "confirmation", CHOSEN));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(stored(user).getPasswordHash()).isEqualTo(hash);
		assertThat(stored(user).isMustChangePassword()).isTrue();
	}

	@Test
	void theOperatorIsToldTheirPasswordComesFromConfigurationAndHasNoLink() {
		ConsoleClient operator = operator();

		assertThat(operator.get("/").body()).doesNotContain("href=\"/account/password\"");
		HttpResponse<String> page = operator.get(CHANGE_PAGE);

		assertThat(page.body()).contains("herald.operator.password").doesNotContain("id=\"newPassword\"");
		assertThat(location(operator.post(CHANGE_PAGE, Map.of()))).isEmpty();
		assertThat(operator.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminsPasswordResetShowsANewOneTimePasswordOnceWhichMustBeChanged() {
		CreatedTenant tenant = newTenant("Reset Co");
		CreatedTenant other = newTenant("Reset Other");
		String member = newUser(tenant, Role.TENANT_VIEWER);
		String stranger = newUser(other, Role.TENANT_VIEWER);
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/users");

		HttpResponse<String> reset = admin.post("/users/" + stored(member).getId() + "/password-reset", Map.of());
		HttpResponse<String> shown = admin.get("/users");
		HttpResponse<String> strangers = admin.post("/users/" + stored(stranger).getId() + "/password-reset", Map.of());

		assertThat(location(reset)).endsWith("/users");
		assertThat(shown.body()).contains("Password of " + member + " reset.");
		String password = shown.body().replaceAll("(?s).*id=\"new-password\">([^<]+)<.*", "$1");
		assertThat(password).hasSize(20);
		assertThat(admin.get("/users").body()).doesNotContain(password)
			.contains("Active, must change the one-time password");
		assertThat(strangers.statusCode()).isEqualTo(404);
		assertThat(stored(stranger).isMustChangePassword()).isFalse();
		assertThat(location(client().login(member, password(member)))).endsWith("/login?error");
		assertThat(location(client().login(member, password))).endsWith(CHANGE_PAGE);
		ConsoleClient viewer = signedIn(stranger);
		viewer.get("/users");
		assertThat(viewer.post("/users/" + stored(member).getId() + "/password-reset", Map.of()).statusCode())
			.isEqualTo(403);
	}

	private CreatedUser newUserWithOneTimePassword(Role role) {
		CreatedTenant tenant = newTenant("One-time " + role);
		return this.userManagement.create(tenant.tenant().getId(), unique(role.name().toLowerCase()) + "@example.com",
				role, Actor.SYSTEM);
	}

	private AppUser stored(CreatedUser user) {
		return stored(user.user().username());
	}

	private AppUser stored(String username) {
		return this.users.findByUsername(username).orElseThrow();
	}

	private static HttpResponse<String> change(ConsoleClient client, String current, String chosen,
			String confirmation) {
		return client.post(CHANGE_PAGE,
				Map.of("currentPassword", current, "newPassword", chosen, "confirmation", confirmation));
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

}
