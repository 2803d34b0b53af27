package io.herald.api;

import java.util.UUID;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile tenant sends to the API is refused with a reason, quickly: a template
 * that explodes without data, a schema pattern that backtracks, envelope attributes that
 * do not fit their columns or carry control characters.
 */
class HostileInputIntegrationTests extends ApiIntegrationTest {

	private static final String BOMB = "{% assign x = \\\"aaaaaaaaaaaaaaaa\\\" %}"
			+ "{% for i in (1..40) %}{% assign x = x | append: x %}{% endfor %}{{ x }}";

	@Test
	void memoryBombTemplateIsRefusedWhenSaved() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/templates", """
				{"name":"bomb","channel":"WEBHOOK","locale":"en","subject":"Boom","body":"%s"}""".formatted(BOMB));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("a value grew over");
		assertThat(as(tenant).get("/api/v1/templates").json().get("items")).isEmpty();
	}

	@Test
	void backtrackingSchemaPatternAnswersAtOnce() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).post("/api/v1/event-types", """
				{"name":"Patterned","schema":{"type":"object",
				 "properties":{"s":{"type":"string","pattern":"^(.*a){20}$"}}}}""").status()).isEqualTo(201);

		Response invalid = as(tenant).post("/api/v1/events",
				event(UUID.randomUUID().toString(), "Patterned", "s-1", "{\"s\":\"" + "a".repeat(29) + "b\"}"));

		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.json().get("violations").get(0).asString()).startsWith("/s");
	}

	@Test
	void schemaPatternThatCannotRunInLinearTimeIsRefused() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/event-types", """
				{"name":"Backref","schema":{"type":"string","pattern":"^(a+)\\\\1$"}}""");
		assertThat(refused.status()).isEqualTo(400);
	}

	@Test
	void envelopeAttributesThatDoNotFitOrCarryControlCharactersAreBadRequests() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}");

		Response longSubject = as(tenant).post("/api/v1/events",
				event(UUID.randomUUID().toString(), "OrderPlaced", "s".repeat(600), "{}"));
		Response nul = as(tenant).post("/api/v1/events",
				event(UUID.randomUUID() + "\\u0000", "OrderPlaced", "s-1", "{}"));

		assertThat(longSubject.status()).isEqualTo(400);
		assertThat(longSubject.json().get("errors").findValuesAsString("field")).containsExactly("subject");
		assertThat(nul.status()).isEqualTo(400);
		assertThat(nul.json().get("errors").findValuesAsString("field")).containsExactly("id");
	}

	private static String event(String id, String type, String subject, String data) {
		return """
				{"specversion":"1.0","id":"%s","source":"/test","type":"%s","subject":"%s","data":%s}""".formatted(id,
				type, subject, data);
	}

}
