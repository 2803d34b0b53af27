package io.herald.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries an {@code X-Request-Id} (the caller's when well-formed), problems
 * repeat it as {@code requestId}, and each kind of client error has its own type.
 */
class RequestIdIntegrationTests extends ApiIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROBLEMS = "https://herald.dev/problems/";

	@LocalServerPort
	private int port;

	@Test
	void successfulAnswerCarriesAGeneratedRequestId() throws Exception {
		TestTenant tenant = newTenant();
		HttpResponse<String> response = send(request("/api/v1/templates", tenant).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
				(id) -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
	}

	@Test
	void refusalBySecurityRepeatsTheCallersRequestIdInTheProblem() throws Exception {
		HttpResponse<String> response = send(
				request("/api/v1/templates", null).header("X-Request-Id", "client-7:a.b_c").GET());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-7:a.b_c");
		assertThat(JSON.readTree(response.body()).get("requestId").asString()).isEqualTo("client-7:a.b_c");
	}

	@Test
	void requestIdThatIsNotAShortTokenIsReplaced() throws Exception {
		HttpResponse<String> response = send(
				request("/api/v1/templates", null).header("X-Request-Id", "x".repeat(200)).GET());
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).hasSize(36);
		assertThat(JSON.readTree(response.body()).get("requestId").asString()).isEqualTo(id);
	}

	@Test
	void unknownPathIsNotFoundWithARequestId() throws Exception {
		TestTenant tenant = newTenant();
		HttpResponse<String> response = send(request("/api/v1/no-such-thing", tenant).GET());
		assertProblem(response, 404, "not-found");
	}

	@Test
	void wrongMethodIsMethodNotAllowedNotValidation() throws Exception {
		TestTenant tenant = newTenant();
		HttpResponse<String> response = send(
				request("/api/v1/event-types", tenant).method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
					.header("Content-Type", "application/json"));
		assertProblem(response, 405, "method-not-allowed");
	}

	@Test
	void unacceptableAcceptHeaderIsNotAcceptable() throws Exception {
		TestTenant tenant = newTenant();
		HttpResponse<String> response = send(request("/api/v1/templates", tenant).header("Accept", "text/csv").GET());
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void wildcardOrUnparseableContentTypeOnSubscriptionIsUnsupportedMediaType() throws Exception {
		TestTenant tenant = newTenant();
		for (String contentType : new String[] { "*/*", "application/*", "json", "application/json; charset=\"" }) {
			HttpResponse<String> response = send(
					request("/api/v1/subscriptions", tenant).header("Content-Type", contentType)
						.POST(HttpRequest.BodyPublishers.ofString("{}")));
			assertProblem(response, 415, "unsupported-media-type");
		}
	}

	@Test
	void arrayWhereChannelSettingsExpectAStringIsABadRequest() throws Exception {
		TestTenant tenant = newTenant();
		HttpResponse<String> response = send(
				request("/api/v1/channels/EMAIL", tenant).header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"provider\":[\"ACS\"],\"connectionString\":[1,2]}")));
		assertProblem(response, 400, "validation");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("type").asString()).isEqualTo(PROBLEMS + type);
		assertThat(body.get("requestId").asString())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElse(null));
	}

	private HttpRequest.Builder request(String path, TestTenant tenant) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (tenant != null) {
			builder.header("Authorization", "Bearer " + tenant.apiKey());
		}
		return builder;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), BodyHandlers.ofString());
	}

}
