package io.herald.api;

import java.util.UUID;

import io.herald.core.testing.FixturesAcrossTenants;
import io.herald.core.testing.TestServers;
import io.herald.core.testing.TestServers.DatabaseLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API's integration tests: the real app on a random port over a fresh
 * PostgreSQL database, the shared Redis and the shared Kafka broker. Every subclass has
 * the same configuration, so all of them share one Spring context.
 */
@ExtendWith(FixturesAcrossTenants.class)
@SpringBootTest(classes = HeraldApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=herald-core,herald-api",
				"herald.operator.username=" + ApiIntegrationTest.OPERATOR,
				"herald.operator.password=" + ApiIntegrationTest.OPERATOR_PASSWORD,
				// revocations and suspensions reach the API within this time
				"herald.api.lookup-cache.ttl=1s" })
public abstract class ApiIntegrationTest {

	public static final String OPERATOR = "operator";

	public static final String OPERATOR_PASSWORD = "operator-test-password";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	protected JdbcTemplate jdbc;

	protected ApiClient api;

	/** Actuator, on its own port (decision 0041). */
	protected ApiClient management;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, DatabaseLogin.APP);
		TestServers.registerRedis(registry);
		TestServers.registerKafka(registry);
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient("http://127.0.0.1:" + this.port);
		this.management = new ApiClient("http://127.0.0.1:" + this.managementPort);
	}

	/** Creates a tenant through the operator endpoint and returns its API key. */
	protected TestTenant newTenant() {
		String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.post("/api/v1/ops/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Tenant " + slug + "\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("tenant not created: " + created);
		}
		JsonNode body = created.json();
		return new TestTenant(UUID.fromString(body.get("id").asString()), slug, body.get("apiKey").asString());
	}

	protected ApiClient as(TestTenant tenant) {
		return this.api.withBearer(tenant.apiKey());
	}

	public record TestTenant(UUID id, String slug, String apiKey) {
	}

}
