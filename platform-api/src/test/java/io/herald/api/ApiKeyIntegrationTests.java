package io.herald.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ApiKeyIntegrationTests extends ApiIntegrationTest {

	private static final String INSUFFICIENT_SCOPE = "https://herald.dev/problems/insufficient-scope";

	@Test
	void issuedKeyIsShownOnceAndListedWithoutItsSecret() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/api-keys",
				"{\"name\":\"ci\",\"scopes\":[\"events:write\",\"config:read\"]}");
		assertThat(created.status()).isEqualTo(201);
		String key = created.json().get("apiKey").asString();
		assertThat(key).startsWith("hrld_");
		assertThat(created.json().get("scopes").valueStream().map(JsonNode::asString)).containsExactly("events:write",
				"config:read");
		assertThat(as(tenant).get(created.location()).status()).isEqualTo(200);

		Response list = as(tenant).get("/api/v1/api-keys");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("items").findValuesAsString("name")).containsExactly("default", "ci");
		assertThat(list.json().get("items").get(0).get("scopes")).hasSize(6);
		assertThat(list.body()).doesNotContain(key.substring(key.lastIndexOf('_') + 1))
			.doesNotContain("apiKey")
			.doesNotContain("hash");
		String stored = this.jdbc.queryForObject("select secret_hash from api_key where prefix = ?", String.class,
				created.json().get("prefix").asString());
		assertThat(stored).isNotEqualTo(sha256(key.substring(key.lastIndexOf('_') + 1)));
		assertThat(this.api.withBearer(key).get("/api/v1/event-types").status()).isEqualTo(200);
	}

	@Test
	void aKeyLackingTheScopeIsForbiddenForEachScopeClass() {
		TestTenant tenant = newTenant();
		ApiClient events = keyWith(tenant, "events:write");
		ApiClient configRead = keyWith(tenant, "config:read");
		ApiClient configWrite = keyWith(tenant, "config:write");
		ApiClient notifications = keyWith(tenant, "notifications:read");
		ApiClient keysAdmin = keyWith(tenant, "keys:admin");
		String eventType = "{\"name\":\"order.placed\"}";

		assertAllowed(configWrite.post("/api/v1/event-types", eventType));
		assertForbidden(configRead.post("/api/v1/event-types", "{\"name\":\"other\"}"), "config:write");
		assertAllowed(configRead.get("/api/v1/event-types"));
		assertAllowed(configRead.get("/api/v1/subscriptions"));
		assertForbidden(configWrite.get("/api/v1/event-types"), "config:read");
		assertForbidden(events.get("/api/v1/templates"), "config:read");
		assertForbidden(notifications.put("/api/v1/recipients/r1", "{\"email\":\"a@example.com\"}"), "config:write");

		assertAllowed(events.post("/api/v1/events", event("order.placed")));
		assertForbidden(configWrite.post("/api/v1/events", event("order.placed")), "events:write");

		assertAllowed(notifications.get("/api/v1/notifications"));
		assertAllowed(notifications.get("/api/v1/sandbox/messages"));
		assertForbidden(configRead.get("/api/v1/notifications"), "notifications:read");
		assertForbidden(events.get("/api/v1/sandbox/messages"), "notifications:read");

		assertAllowed(keysAdmin.get("/api/v1/api-keys"));
		assertForbidden(configWrite.post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"keys:admin\"]}"),
				"keys:admin");
		assertForbidden(notifications.get("/api/v1/api-keys"), "keys:admin");
	}

	@Test
	void revokedKeyIsRefusedWithinTheCacheTime() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/api-keys", "{\"name\":\"temp\",\"scopes\":[\"config:read\"]}");
		ApiClient temp = this.api.withBearer(created.json().get("apiKey").asString());
		assertThat(temp.get("/api/v1/event-types").status()).isEqualTo(200);

		assertThat(as(tenant).delete(created.location()).status()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(temp.get("/api/v1/event-types").status()).isEqualTo(401));
		assertThat(as(tenant).get(created.location()).json().get("revokedAt").isNull()).isFalse();
		assertThat(as(tenant).get("/api/v1/event-types").status()).isEqualTo(200);
	}

	@Test
	void rotatedKeyKeepsWorkingForTheGracePeriodThenOnlyTheSuccessorWorks() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/api-keys", "{\"name\":\"svc\",\"scopes\":[\"config:read\"]}");
		ApiClient old = this.api.withBearer(created.json().get("apiKey").asString());

		Response rotated = as(tenant).post(created.location() + "/rotate", "{\"graceSeconds\":2}");
		assertThat(rotated.status()).isEqualTo(201);
		assertThat(rotated.json().get("name").asString()).isEqualTo("svc");
		assertThat(rotated.json().get("scopes").get(0).asString()).isEqualTo("config:read");
		ApiClient successor = this.api.withBearer(rotated.json().get("apiKey").asString());
		assertThat(old.get("/api/v1/event-types").status()).isEqualTo(200);
		assertThat(successor.get("/api/v1/event-types").status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(old.get("/api/v1/event-types").status()).isEqualTo(401));
		assertThat(successor.get("/api/v1/event-types").status()).isEqualTo(200);
		Response again = as(tenant).post(created.location() + "/rotate", "{\"graceSeconds\":60}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(as(tenant).get(created.location()).json().get("replacedBy").asString())
			.isEqualTo(rotated.json().get("id").asString());
	}

	@Test
	void rotationWithoutBodyKeepsTheOldKeyForAnHour() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/api-keys", "{\"name\":\"svc\",\"scopes\":[\"config:read\"]}");
		Response rotated = as(tenant).post(created.location() + "/rotate", "");
		assertThat(rotated.status()).isEqualTo(201);
		Instant expiry = Instant.parse(as(tenant).get(created.location()).json().get("expiresAt").asString());
		assertThat(expiry).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
	}

	@Test
	void expiredKeyIsUnauthorized() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/api-keys", "{\"name\":\"short\",\"scopes\":[\"config:read\"],"
				+ "\"expiresAt\":\"" + Instant.now().plusSeconds(2) + "\"}");
		assertThat(created.status()).isEqualTo(201);
		ApiClient shortLived = this.api.withBearer(created.json().get("apiKey").asString());
		assertThat(shortLived.get("/api/v1/event-types").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(shortLived.get("/api/v1/event-types").status()).isEqualTo(401));
	}

	@Test
	void invalidKeyRequestsAreRefusedPerField() {
		TestTenant tenant = newTenant();
		Response unknownScope = as(tenant).post("/api/v1/api-keys",
				"{\"name\":\"x\",\"scopes\":[\"config:read\",\"root\"]}");
		assertThat(unknownScope.status()).isEqualTo(400);
		assertThat(unknownScope.json().get("errors").findValuesAsString("field")).containsExactly("scopes[1]");
		Response noScopes = as(tenant).post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[]}");
		assertThat(noScopes.status()).isEqualTo(400);
		Response past = as(tenant).post("/api/v1/api-keys",
				"{\"name\":\"x\",\"scopes\":[\"config:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().get("errors").findValuesAsString("field")).containsExactly("expiresAt");
		Response longGrace = as(tenant).post("/api/v1/api-keys/" + UUID.randomUUID() + "/rotate",
				"{\"graceSeconds\":99999999}");
		assertThat(longGrace.status()).isEqualTo(400);
	}

	@Test
	void anotherTenantsKeyIdsAreNotFound() {
		TestTenant a = newTenant();
		TestTenant b = newTenant();
		String aKey = as(a).post("/api/v1/api-keys", "{\"name\":\"a\",\"scopes\":[\"config:read\"]}")
			.json()
			.get("id")
			.asString();
		assertThat(as(b).get("/api/v1/api-keys/" + aKey).status()).isEqualTo(404);
		assertThat(as(b).delete("/api/v1/api-keys/" + aKey).status()).isEqualTo(404);
		assertThat(as(b).post("/api/v1/api-keys/" + aKey + "/rotate", "{\"graceSeconds\":0}").status()).isEqualTo(404);
		assertThat(as(b).get("/api/v1/api-keys").json().get("items").findValuesAsString("id")).doesNotContain(aKey);
		assertThat(as(a).get("/api/v1/api-keys/" + aKey).json().get("revokedAt").isNull()).isTrue();
	}

	@Test
	void operatorsManageAnyTenantsKeys() {
		TestTenant tenant = newTenant();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String base = "/api/v1/ops/tenants/" + tenant.slug() + "/api-keys";
		Response created = operator.post(base, "{\"name\":\"by-ops\",\"scopes\":[\"notifications:read\"]}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.location()).startsWith(base + "/");
		ApiClient key = this.api.withBearer(created.json().get("apiKey").asString());
		assertThat(key.get("/api/v1/notifications").status()).isEqualTo(200);
		assertThat(operator.get(base).json().get("items").findValuesAsString("name")).containsExactly("default",
				"by-ops");
		Response rotated = operator.post(created.location() + "/rotate", "{\"graceSeconds\":0}");
		assertThat(rotated.status()).isEqualTo(201);
		assertThat(operator.delete(base + "/" + rotated.json().get("id").asString()).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(key.get("/api/v1/notifications").status()).isEqualTo(401));
		assertThat(operator.get("/api/v1/ops/tenants/no-such-tenant/api-keys").status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'api-key.revoked' and tenant_id = ? and actor = ?",
				Long.class, tenant.id(), OPERATOR))
			.isOne();
	}

	@Test
	void keyHashedTheOldWayStillWorksAndIsRehashed() {
		TestTenant tenant = newTenant();
		String secret = "legacySecretOfFortyThreeCharactersXXXXXXXXX";
		String prefix = "legacy" + UUID.randomUUID().toString().substring(0, 6);
		this.jdbc.update(
				"insert into api_key (id, tenant_id, name, prefix, secret_hash, hash_scheme, scopes, created_at)"
						+ " values (?, ?, 'old', ?, ?, 'sha256', 'config:read', now())",
				UUID.randomUUID(), tenant.id(), prefix, sha256(secret));
		ApiClient legacy = this.api.withBearer("hrld_" + prefix + "_" + secret);
		assertThat(legacy.get("/api/v1/event-types").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select hash_scheme from api_key where prefix = ?", String.class, prefix))
			.isEqualTo("hmac-sha256");
		assertThat(this.jdbc.queryForObject("select secret_hash from api_key where prefix = ?", String.class, prefix))
			.isNotEqualTo(sha256(secret));
		assertThat(this.api.withBearer("hrld_" + prefix + "_" + secret + "x").get("/api/v1/event-types").status())
			.isEqualTo(401);
	}

	private ApiClient keyWith(TestTenant tenant, String scope) {
		Response created = as(tenant).post("/api/v1/api-keys",
				"{\"name\":\"" + scope + "\",\"scopes\":[\"" + scope + "\"]}");
		assertThat(created.status()).isEqualTo(201);
		return this.api.withBearer(created.json().get("apiKey").asString());
	}

	private static void assertAllowed(Response response) {
		assertThat(response.status()).as(response.body()).isNotIn(401, 403).isLessThan(500);
	}

	private static void assertForbidden(Response response, String scope) {
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.problemType()).isEqualTo(INSUFFICIENT_SCOPE);
		assertThat(response.json().get("detail").asString()).contains(scope);
	}

	private static String event(String type) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/shop\",\"type\":\"" + type
				+ "\",\"data\":{}}";
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
