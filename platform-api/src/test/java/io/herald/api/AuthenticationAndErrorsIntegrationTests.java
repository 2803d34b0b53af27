package io.herald.api;

import java.time.Duration;

import io.herald.api.ApiClient.Response;
import io.herald.core.apikey.ApiKeyRepository;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuthenticationAndErrorsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private ApiKeyManagement apiKeys;

	@Autowired
	private ApiKeyRepository keys;

	@Autowired
	private Environment environment;

	@LocalManagementPort
	private int managementPort;

	@LocalServerPort
	private int serverPort;

	@Test
	void callWithoutKeyIsUnauthorizedWithAProblem() {
		Response response = this.api.get("/api/v1/subscriptions");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.problemType()).isEqualTo("https://herald.dev/problems/unauthorized");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void wrongKeyIsUnauthorized() {
		TestTenant tenant = newTenant();
		Response wrong = this.api.withBearer(tenant.apiKey() + "x").get("/api/v1/subscriptions");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.isProblem()).isTrue();
		assertThat(this.api.withBearer("hrld_nope_nope").get("/api/v1/event-types").status()).isEqualTo(401);
	}

	@Test
	void revokedKeyIsUnauthorized() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).get("/api/v1/event-types").status()).isEqualTo(200);
		this.keys.findAllByTenantIdOrderByCreatedAtAsc(tenant.id())
			.forEach((key) -> this.apiKeys.revoke(new TenantScope(tenant.id(), Actor.SYSTEM), key.getId()));
		// a verified key is remembered for herald.api.lookup-cache.ttl (5 s by default)
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(as(tenant).get("/api/v1/event-types").status()).isEqualTo(401));
	}

	@Test
	void unknownRouteIsANotFoundProblem() {
		TestTenant tenant = newTenant();
		Response response = as(tenant).get("/api/v1/nothing-here");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).isTrue();
		assertThat(this.api.get("/nothing-here").status()).isEqualTo(404);
	}

	@Test
	void wrongMethodAndMediaTypeAreProblems() {
		TestTenant tenant = newTenant();
		Response method = as(tenant).method("PATCH", "/api/v1/event-types");
		assertThat(method.status()).isEqualTo(405);
		assertThat(method.isProblem()).isTrue();
		Response media = as(tenant).post("/api/v1/events", "<event/>", "application/xml");
		assertThat(media.status()).isEqualTo(415);
		assertThat(media.isProblem()).isTrue();
	}

	@Test
	void malformedJsonIsABadRequestWithoutInternals() {
		TestTenant tenant = newTenant();
		Response response = as(tenant).post("/api/v1/event-types", "{\"name\": ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("body");
		assertThat(response.body()).doesNotContain("jackson").doesNotContain("Exception").doesNotContain("at io.");
	}

	@Test
	void tooLargeBodyIsRefused() {
		TestTenant tenant = newTenant();
		String huge = "{\"description\":\"" + "x".repeat(1_100_000) + "\"}";
		Response response = as(tenant).post("/api/v1/event-types", huge);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.isProblem()).isTrue();
	}

	@Test
	void healthWithComponentsAndMetricsAreOnTheManagementPortOnly() {
		Response health = this.management.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/kafka/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(this.management.get("/actuator/prometheus").status()).isEqualTo(200);

		assertThat(this.managementPort).isNotEqualTo(this.serverPort);
		assertThat(this.environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(this.api.get("/actuator/prometheus").status()).isEqualTo(404);
		assertThat(this.api.get("/actuator/health").status()).isEqualTo(404);
	}

	@Test
	void probesAndApiDocsAreOpenOnTheMainPort() {
		Response readiness = this.api.get("/readyz");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(readiness.body()).doesNotContain("components");
		assertThat(this.api.get("/livez").status()).isEqualTo(200);
		Response docs = this.api.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").has("/api/v1/events")).isTrue();
	}

}
