package io.herald.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.TestServers;
import io.herald.core.user.AppUser;
import io.herald.core.user.AppUserRepository;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over a real HTTP connection and a real PostgreSQL database, as a browser
 * uses it: cookies, CSRF tokens from the forms, redirects.
 */
@SpringBootTest(classes = HeraldAdminApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=herald-core,herald-admin", "herald.operator.username=root",
				"herald.operator.password=correct-horse" })
class AdminConsoleIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	AppUserRepository users;

	@Autowired
	PasswordEncoder passwordEncoder;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void loginPageRendersWithACsrfToken() throws Exception {
		HttpResponse<String> page = get("/login");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign in").contains("name=\"password\"");
		assertThat(CSRF.matcher(page.body()).find()).isTrue();
	}

	@Test
	void badPasswordShowsAMessageOnTheLoginPage() throws Exception {
		HttpResponse<String> response = login("root", "wrong-password");

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).endsWith("/login?error");
		assertThat(get("/login?error").body()).contains("Invalid username or password.");
		assertThat(get("/tenants").statusCode()).isEqualTo(302);
	}

	@Test
	void operatorSeesTenantsCreatedThroughCore() throws Exception {
		CreatedTenant created = this.tenants.create("console-acme", "Acme & Sons", Actor.SYSTEM);

		HttpResponse<String> login = login("root", "correct-horse");
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");
		HttpResponse<String> home = get("/");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/tenants");

		HttpResponse<String> page = get("/tenants");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("console-acme").contains("Acme &amp; Sons");
		assertThat(page.body()).doesNotContain(created.apiKey());
	}

	@Test
	void anonymousVisitorIsSentToTheLoginPage() throws Exception {
		HttpResponse<String> response = get("/tenants");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void loginWithoutCsrfTokenIsRefused() throws Exception {
		get("/login");
		HttpResponse<String> response = post("/login", Map.of("username", "root", "password", "correct-horse"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(get("/tenants").statusCode()).isEqualTo(302);
	}

	@Test
	void tenantUserSignsInButMayNotListTenantsAndSeesAReadableError() throws Exception {
		CreatedTenant tenant = this.tenants.create("console-viewer", "Viewer Inc", Actor.SYSTEM);
		this.users.save(new AppUser(tenant.tenant().getId(), "viewer@example.com",
				this.passwordEncoder.encode("viewer-password"), Role.TENANT_VIEWER, java.time.Instant.now()));

		login("viewer@example.com", "viewer-password");
		assertThat(get("/").statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = get("/tenants");

		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("You may not open this page")
			.doesNotContain("Exception")
			.doesNotContain("at io.herald");
	}

	private HttpResponse<String> login(String username, String password) throws Exception {
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).isTrue();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", csrf.group(1));
		return post("/login", form);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
