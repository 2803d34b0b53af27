package io.herald.api;

import java.util.ArrayList;
import java.util.List;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AuditIntegrationTests extends ApiIntegrationTest {

	@Test
	void aTenantReadsItsOwnAuditLogNewestFirstWithBeforeAndAfterOfAChange() {
		TestTenant tenant = newTenant();
		TestTenant other = newTenant();
		String id = as(tenant).post("/api/v1/event-types", """
				{"name":"OrderPlaced","description":"An order"}""").json().get("id").asString();
		as(tenant).put("/api/v1/event-types/" + id, "{\"description\":\"An order was placed\"}");
		as(other).post("/api/v1/event-types", "{\"name\":\"OtherTenantsType\"}");

		Response audit = as(tenant).get("/api/v1/audit?entityType=event_type&entityId=" + id);
		assertThat(audit.status()).isEqualTo(200);
		JsonNode items = audit.json().get("items");
		assertThat(items).hasSize(2);
		JsonNode updated = items.get(0);
		assertThat(updated.get("action").asString()).isEqualTo("event-type.updated");
		assertThat(updated.at("/actor/type").asString()).isEqualTo("API_KEY");
		assertThat(tenant.apiKey()).startsWith("hrld_" + updated.at("/actor/name").asString() + "_");
		assertThat(updated.at("/details/name").asString()).isEqualTo("OrderPlaced");
		assertThat(updated.at("/details/before/description").asString()).isEqualTo("An order");
		assertThat(updated.at("/details/after/description").asString()).isEqualTo("An order was placed");
		assertThat(updated.at("/details/after").has("updatedAt")).isFalse();
		assertThat(updated.get("at").asString()).isNotBlank();
		assertThat(items.get(1).get("action").asString()).isEqualTo("event-type.created");
		assertThat(audit.json().get("nextCursor").isNull()).isTrue();

		Response everything = as(tenant).get("/api/v1/audit?limit=500");
		assertThat(everything.body()).doesNotContain("OtherTenantsType");
	}

	@Test
	void pagesCoverEveryEntryOnceWhileNewEntriesArrive() {
		TestTenant tenant = newTenant();
		for (int i = 0; i < 7; i++) {
			as(tenant).post("/api/v1/event-types", "{\"name\":\"Type" + i + "\"}");
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Response page = as(tenant)
				.get("/api/v1/audit?action=event-type.created&limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).isEqualTo(200);
			page.json().get("items").forEach((item) -> seen.add(item.at("/details/name").asString()));
			JsonNode next = page.json().get("nextCursor");
			cursor = next.isNull() ? null : next.asString();
			if (pages++ == 0) {
				// appended after the first page was read: newer than the cursor, never on
				// a later page
				as(tenant).post("/api/v1/event-types", "{\"name\":\"LateType\"}");
			}
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactly("Type6", "Type5", "Type4", "Type3", "Type2", "Type1", "Type0");
	}

	@Test
	void channelSettingsChangesShowTheMaskedBeforeAndAfterAndNoSecret() {
		TestTenant tenant = newTenant();
		as(tenant).put("/api/v1/channels/EMAIL", """
				{"provider":"SMTP","host":"127.0.0.1","port":3025,"username":"mailer",
				 "password":"first-secret-password","from":"noreply@example.com","startTls":false}""");
		as(tenant).put("/api/v1/channels/EMAIL", """
				{"provider":"SMTP","host":"127.0.0.2","port":3025,"username":"mailer",
				 "password":"second-secret-password","from":"noreply@example.com","startTls":false}""");
		Response audit = as(tenant).get("/api/v1/audit?action=channel-settings.updated");
		JsonNode items = audit.json().get("items");
		assertThat(items).hasSize(2);
		assertThat(items.get(0).at("/details/before/settings/host").asString()).isEqualTo("127.0.0.1");
		assertThat(items.get(0).at("/details/after/settings/host").asString()).isEqualTo("127.0.0.2");
		assertThat(items.get(1).at("/details/before").isNull()).isTrue();
		assertThat(audit.body()).doesNotContain("first-secret-password").doesNotContain("second-secret-password");
	}

	@Test
	void operatorsReadEveryTenantsEntriesOrOneTenantsBySlug() {
		TestTenant first = newTenant();
		TestTenant second = newTenant();
		as(first).post("/api/v1/event-types", "{\"name\":\"FirstType\"}");
		as(second).post("/api/v1/event-types", "{\"name\":\"SecondType\"}");
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);

		Response one = operator.get("/api/v1/ops/audit?tenant=" + first.slug() + "&action=event-type.created");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("items")).hasSize(1);
		assertThat(one.json().get("items").get(0).get("tenant").asString()).isEqualTo(first.slug());
		assertThat(one.body()).doesNotContain("SecondType");

		Response all = operator.get("/api/v1/ops/audit?action=tenant.created&limit=500");
		assertThat(all.json().get("items").findValuesAsString("tenant")).contains(first.slug(), second.slug());
		assertThat(all.json().get("items").get(0).at("/actor/type").asString()).isEqualTo("USER");

		assertThat(operator.get("/api/v1/ops/audit?tenant=no-such-tenant").status()).isEqualTo(404);
		assertThat(as(first).get("/api/v1/ops/audit").status()).isIn(401, 403);
	}

	@Test
	void badCursorsLimitsAndTimesAreClientErrors() {
		TestTenant tenant = newTenant();
		Response cursor = as(tenant).get("/api/v1/audit?cursor=not-a-cursor");
		assertThat(cursor.status()).isEqualTo(400);
		assertThat(cursor.isProblem()).isTrue();
		assertThat(cursor.body()).contains("cursor");
		assertThat(as(tenant).get("/api/v1/audit?limit=501").status()).isEqualTo(400);
		assertThat(as(tenant).get("/api/v1/audit?limit=0").status()).isEqualTo(400);
		assertThat(as(tenant).get("/api/v1/audit?from=yesterday").status()).isEqualTo(400);
		assertThat(
				as(tenant).get("/api/v1/audit?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z").json().get("items"))
			.isEmpty();
	}

	@Test
	void readingTheAuditLogNeedsConfigRead() {
		TestTenant tenant = newTenant();
		String narrow = as(tenant).post("/api/v1/api-keys", "{\"name\":\"events only\",\"scopes\":[\"events:write\"]}")
			.json()
			.get("apiKey")
			.asString();
		Response refused = this.api.withBearer(narrow).get("/api/v1/audit");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.problemType()).endsWith("/insufficient-scope");
	}

}
