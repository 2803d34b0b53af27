package io.herald.admin.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser's view of the console over real HTTP: its own cookies, CSRF tokens taken
 * from the page like a browser's form would, redirects not followed so tests see them.
 */
public final class ConsoleClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private String csrf;

	ConsoleClient(int port) {
		this.port = port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Signs in through the login form and returns the form's answer (a redirect). */
	public HttpResponse<String> login(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	/** Signs in and checks that it worked. */
	public ConsoleClient signedIn(String username, String password) {
		HttpResponse<String> response = login(username, password);
		assertThat(response.headers().firstValue("Location")).as("sign-in of %s", username)
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("/login"));
		return this;
	}

	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

	/** Posts a form with the CSRF token of the last page fetched. */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (this.csrf != null) {
			fields.putIfAbsent("_csrf", this.csrf);
		}
		return postRaw(path, fields);
	}

	/** Posts exactly these fields (no CSRF token unless given). */
	public HttpResponse<String> postRaw(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String sessionId() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> "HERALD_CONSOLE_SESSION".equals(cookie.getName()))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
