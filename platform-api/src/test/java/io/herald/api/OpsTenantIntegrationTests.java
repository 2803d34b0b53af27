package io.herald.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OpsTenantIntegrationTests extends ApiIntegrationTest {

	@Test
	void operatorCreatesATenantWithItsFirstApiKey() {
		Response created = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.post("/api/v1/ops/tenants", "{\"slug\":\"acme\",\"name\":\"Acme\"}");
		assertThat(created.status()).isEqualTo(201);
		JsonNode body = created.json();
		assertThat(body.get("id").asString()).isNotBlank();
		assertThat(body.get("slug").asString()).isEqualTo("acme");
		assertThat(body.get("name").asString()).isEqualTo("Acme");
		assertThat(body.get("apiKey").asString()).startsWith("hrld_");
		assertThat(this.api.withBearer(body.get("apiKey").asString()).get("/api/v1/subscriptions").status())
			.isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'tenant.created'" + " and entity_id = ? and actor = ?",
				Long.class, body.get("id").asString(), OPERATOR))
			.isOne();
	}

	@Test
	void duplicateSlugIsAConflict() {
		TestTenant tenant = newTenant();
		Response again = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.post("/api/v1/ops/tenants", "{\"slug\":\"" + tenant.slug() + "\",\"name\":\"Again\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.problemType()).isEqualTo("https://herald.dev/problems/conflict");
	}

	@Test
	void invalidSlugIsRefusedPerField() {
		Response invalid = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.post("/api/v1/ops/tenants", "{\"slug\":\"Not A Slug\",\"name\":\"\"}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").findValuesAsString("field")).contains("name");
	}

	@Test
	void tenantApiKeyCannotUseTheOperatorEndpoints() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/ops/tenants", "{\"slug\":\"sneaky\",\"name\":\"Sneaky\"}");
		assertThat(refused.status()).isIn(401, 403);
		assertThat(refused.isProblem()).isTrue();
		assertThat(as(tenant).get("/api/v1/ops/tenants").status()).isIn(401, 403);
	}

	@Test
	void wrongOrMissingOperatorCredentialsAreUnauthorized() {
		Response wrong = this.api.asOperator(OPERATOR, "nope").get("/api/v1/ops/tenants");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.isProblem()).isTrue();
		assertThat(this.api.get("/api/v1/ops/tenants").status()).isEqualTo(401);
	}

	@Test
	void tenantListShowsNoKeys() {
		TestTenant tenant = newTenant();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		// tenants are listed by slug, a page at a time: other tests' tenants may come
		// first
		List<String> slugs = new ArrayList<>();
		String cursor = null;
		do {
			Response page = operator
				.get("/api/v1/ops/tenants?limit=500" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).doesNotContain("apiKey").doesNotContain(tenant.apiKey());
			slugs.addAll(page.json().get("items").findValuesAsString("slug"));
			cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(slugs).contains(tenant.slug());
	}

	@Test
	void createdTenantsLocationAnswersWithTheTenant() {
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String slug = "loc-" + UUID.randomUUID().toString().substring(0, 8);
		Response created = operator.post("/api/v1/ops/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Loc\"}");
		assertThat(created.location()).isEqualTo("/api/v1/ops/tenants/" + slug);
		Response tenant = operator.get(created.location());
		assertThat(tenant.status()).isEqualTo(200);
		assertThat(tenant.json().get("slug").asString()).isEqualTo(slug);
		assertThat(tenant.json().get("defaultLocale").asString()).isEqualTo("en");
		assertThat(tenant.json().get("suspended").asBoolean()).isFalse();
		assertThat(tenant.body()).doesNotContain("apiKey");
		assertThat(operator.get("/api/v1/ops/tenants/no-such-tenant").status()).isEqualTo(404);
	}

	@Test
	void operatorChangesNameAndDefaultLocale() {
		TestTenant tenant = newTenant();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String path = "/api/v1/ops/tenants/" + tenant.slug();
		Response patched = operator.patch(path, "{\"defaultLocale\":\"pt-BR\"}");
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("defaultLocale").asString()).isEqualTo("pt-BR");
		assertThat(patched.json().get("name").asString()).isEqualTo("Tenant " + tenant.slug());
		Response put = operator.put(path, "{\"name\":\"Renamed\",\"defaultLocale\":\"de\"}");
		assertThat(put.status()).isEqualTo(200);
		assertThat(operator.get(path).json().get("name").asString()).isEqualTo("Renamed");
		assertThat(operator.get(path).json().get("defaultLocale").asString()).isEqualTo("de");
		assertThat(operator.put(path, "{\"name\":\"Only name\"}").status()).isEqualTo(400);
		Response badLocale = operator.patch(path, "{\"defaultLocale\":\"not a locale!\"}");
		assertThat(badLocale.status()).isEqualTo(400);
		assertThat(badLocale.json().get("errors").findValuesAsString("field")).containsExactly("defaultLocale");
		assertThat(operator.patch("/api/v1/ops/tenants/no-such-tenant", "{\"name\":\"x\"}").status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_log where action = 'tenant.updated' and tenant_id = ?", Long.class,
				tenant.id()))
			.isEqualTo(2);
	}

	@Test
	void suspendedTenantsKeysAreForbiddenOnEveryCallUntilResumed() {
		TestTenant tenant = newTenant();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String path = "/api/v1/ops/tenants/" + tenant.slug();
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"order.placed\"}").status()).isEqualTo(201);

		Response suspended = operator.post(path + "/suspend", "");
		assertThat(suspended.status()).isEqualTo(200);
		assertThat(suspended.json().get("suspended").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertSuspended(as(tenant).get("/api/v1/event-types")));
		assertSuspended(as(tenant).post("/api/v1/events", event("order.placed")));
		assertSuspended(as(tenant).post("/api/v1/event-types", "{\"name\":\"other\"}"));
		assertSuspended(as(tenant).get("/api/v1/notifications"));
		assertSuspended(as(tenant).get("/api/v1/api-keys"));
		assertSuspended(as(tenant).delete("/api/v1/subscriptions/" + UUID.randomUUID()));
		assertThat(operator.get(path + "/api-keys").status()).isEqualTo(200);

		assertThat(operator.post(path + "/resume", "").json().get("suspended").asBoolean()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(as(tenant).get("/api/v1/event-types").status()).isEqualTo(200));
		assertThat(as(tenant).post("/api/v1/events", event("order.placed")).status()).isEqualTo(202);
		assertThat(operator.post("/api/v1/ops/tenants/no-such-tenant/suspend", "").status()).isEqualTo(404);
	}

	private static void assertSuspended(Response response) {
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.problemType()).isEqualTo("https://herald.dev/problems/tenant-suspended");
	}

	private static String event(String type) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/shop\",\"type\":\"" + type
				+ "\",\"data\":{}}";
	}

}
