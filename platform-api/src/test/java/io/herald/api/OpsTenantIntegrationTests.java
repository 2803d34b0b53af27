package io.herald.api;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

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
		Response list = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD).get("/api/v1/ops/tenants");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("items").findValuesAsString("slug")).contains(tenant.slug());
		assertThat(list.body()).doesNotContain("apiKey").doesNotContain(tenant.apiKey());
	}

}
