package io.herald.admin.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in, sign-out and what protects them: CSRF, lockout, session fixation, cookies and
 * security headers, over real HTTP.
 */
class AccessIntegrationTests extends ConsoleIntegrationTestSupport {

	@Test
	void loginPageRendersWithACsrfTokenAndLabelledFields() {
		HttpResponse<String> page = client().get("/login");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign in").contains("name=\"_csrf\"");
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void everyResponseCarriesAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() {
		HttpResponse<String> page = client().get("/login");

		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self';")
				.contains("style-src 'self';")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(page.headers().firstValue("Permissions-Policy")).isPresent();
	}

	@Test
	void browserAssetsComeFromWebjarsOnTheConsoleItself() {
		ConsoleClient client = client();

		assertThat(client.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
		assertThat(client.get("/webjars/chart.js/dist/chart.umd.js").statusCode()).isEqualTo(200);
		assertThat(client.get("/webjars/picocss__pico/css/pico.min.css").statusCode()).isEqualTo(200);
		assertThat(client.get("/login").body()).doesNotContain("https://").doesNotContain("http://");
	}

	@Test
	void theIconBrowsersAskForIsServedBeforeSignIn() {
		// every browser asks for /favicon.ico; a 404 shows as an error in its console
		HttpResponse<String> icon = client().get("/favicon.ico");

		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).isIn("image/x-icon", "image/vnd.microsoft.icon"));
	}

	@Test
	void badPasswordShowsAMessageOnTheLoginPage() {
		ConsoleClient client = client();
		HttpResponse<String> response = client.login(OPERATOR, "wrong-password");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(client.get("/login?error").body()).contains("Invalid username or password.");
		assertThat(client.get("/tenants").statusCode()).isEqualTo(302);
	}

	@Test
	void repeatedFailuresLockTheUserNameEvenForTheRightPasswordWithAReadableMessage() {
		CreatedTenant tenant = newTenant("Lockout Ltd");
		String user = newUser(tenant, Role.TENANT_ADMIN);
		ConsoleClient client = client();
		for (int i = 0; i < 5; i++) {
			assertThat(client.login(user, "guess-" + i).headers().firstValue("Location").orElseThrow())
				.endsWith("/login?error");
		}

		HttpResponse<String> locked = client.login(user, password(user));

		assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
		assertThat(client.get("/login?locked").body()).contains("Too many failed sign-ins").contains("15 minutes");
		assertThat(client.get("/").statusCode()).isEqualTo(302);
		assertThat(client().login(user.toUpperCase(), password(user)).headers().firstValue("Location").orElseThrow())
			.as("user names are locked whatever their case")
			.endsWith("/login?locked");
	}

	@Test
	void signingInGivesANewSessionIdSoAPlantedSessionIsWorthless() {
		ConsoleClient client = client();
		client.get("/login");
		String before = client.sessionId();

		client.signedIn(OPERATOR, OPERATOR_PASSWORD);

		assertThat(before).isNotNull();
		assertThat(client.sessionId()).isNotNull().isNotEqualTo(before);
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteAndSecureWhenTheBrowserUsesTls() {
		ConsoleClient client = client();
		HttpResponse<String> plain = client.send(HttpRequest.newBuilder(client.uri("/login")).GET().build());
		HttpResponse<String> behindTls = client()
			.send(HttpRequest.newBuilder(client.uri("/login")).header("X-Forwarded-Proto", "https").GET().build());

		assertThat(plain.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure"));
		assertThat(behindTls.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).contains("Secure").contains("SameSite=Lax"));
	}

	@Test
	void anonymousVisitorIsSentToTheLoginPage() {
		HttpResponse<String> response = client().get("/tenants");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void loginWithoutCsrfTokenIsRefused() {
		ConsoleClient client = client();
		client.get("/login");
		HttpResponse<String> response = client.postRaw("/login",
				Map.of("username", OPERATOR, "password", OPERATOR_PASSWORD));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(client.get("/tenants").statusCode()).isEqualTo(302);
	}

	@Test
	void signOutEndsTheSession() {
		ConsoleClient client = operator();
		assertThat(client.get("/").statusCode()).isEqualTo(200);

		HttpResponse<String> out = client.post("/logout", Map.of());

		assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
		assertThat(client.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void tenantMemberMayNotOpenOperatorPagesAndSeesAReadableError() {
		CreatedTenant tenant = newTenant("Viewer Inc");
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		assertThat(viewer.get("/").statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = viewer.get("/tenants");

		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("You may not open this page")
			.doesNotContain("Exception")
			.doesNotContain("at io.herald");
		PageChecks.assertWellFormedPage(forbidden.body());
	}

}
