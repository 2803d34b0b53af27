package io.herald.api;

import java.util.Base64;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event types, templates and subscriptions as a tenant sets them up.
 */
class ConfigurationIntegrationTests extends ApiIntegrationTest {

	private static final String USER_SCHEMA = """
			{"type":"object","required":["user"],"properties":{"user":{"type":"object","required":["name"],
			"properties":{"name":{"type":"string"},"email":{"type":"string"}}}}}""";

	@Test
	void eventTypeWithSchemaAndSampleIsCreatedAndListed() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).post("/api/v1/event-types", """
				{"name":"UserRegistered","description":"A user signed up","schema":%s,
				 "samplePayload":{"user":{"name":"Ada","email":"ada@example.com"}}}""".formatted(USER_SCHEMA));
		assertThat(created.status()).isEqualTo(201);
		JsonNode body = created.json();
		assertThat(body.at("/schema/required/0").asString()).isEqualTo("user");
		assertThat(body.at("/samplePayload/user/name").asString()).isEqualTo("Ada");
		String id = body.get("id").asString();
		assertThat(as(tenant).get("/api/v1/event-types/" + id).json().get("name").asString())
			.isEqualTo("UserRegistered");
		JsonNode items = as(tenant).get("/api/v1/event-types").json().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("name").asString()).isEqualTo("UserRegistered");
		Response updated = as(tenant).put("/api/v1/event-types/" + id, "{\"description\":\"Signed up\"}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("description").asString()).isEqualTo("Signed up");
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}").status()).isEqualTo(409);
	}

	@Test
	void sampleThatBreaksTheSchemaIsUnprocessableWithViolations() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/event-types", """
				{"name":"UserRegistered","schema":%s,"samplePayload":{"user":{"name":42}}}""".formatted(USER_SCHEMA));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.problemType()).isEqualTo("https://herald.dev/problems/schema-violation");
		assertThat(refused.json().get("violations").get(0).asString()).startsWith("/user/name");
		assertThat(as(tenant).get("/api/v1/event-types").json().get("items")).isEmpty();
	}

	@Test
	void invalidSchemaIsABadRequest() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/event-types",
				"{\"name\":\"OrderPlaced\",\"schema\":{\"type\":\"strnig\"}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("schema");
	}

	@Test
	void postingATemplateAgainCreatesTheNextImmutableVersion() {
		TestTenant tenant = newTenant();
		Response first = as(tenant).post("/api/v1/templates", """
				{"name":"welcome-hook","channel":"WEBHOOK","locale":"en",
				 "subject":"Welcome {{ data.user.name }}","body":"Hello {{ data.user.name }}"}""");
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.json().get("version").asInt()).isEqualTo(1);
		Response second = as(tenant).post("/api/v1/templates", """
				{"name":"welcome-hook","channel":"WEBHOOK","locale":"en","subject":"Hi","body":"Hi there"}""");
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.json().get("version").asInt()).isEqualTo(2);
		assertThat(second.json().get("id").asString()).isNotEqualTo(first.json().get("id").asString());
		JsonNode list = as(tenant).get("/api/v1/templates").json().get("items");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("version").asInt()).isEqualTo(2);
		JsonNode v1 = as(tenant).get("/api/v1/templates/" + first.json().get("id").asString()).json();
		assertThat(v1.get("body").asString()).isEqualTo("Hello {{ data.user.name }}");
	}

	@Test
	void brokenLiquidIsRefusedWithTheParseError() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).post("/api/v1/templates",
				"{\"name\":\"t\",\"channel\":\"EMAIL\",\"subject\":\"ok\",\"body\":\"{% if data.x %}never closed\"}");
		assertThat(refused.status()).isEqualTo(400);
		JsonNode error = refused.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("body");
		assertThat(error.get("message").asString()).contains("Liquid");
		Response channel = as(tenant).post("/api/v1/templates", "{\"name\":\"t\",\"channel\":\"SMS\",\"body\":\"x\"}");
		assertThat(channel.status()).isEqualTo(400);
		assertThat(channel.json().get("errors").findValuesAsString("field")).containsExactly("channel");
	}

	@Test
	void previewRendersGivenDataOrTheSampleAndEscapesEmailBodies() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", """
				{"name":"UserRegistered","samplePayload":{"user":{"name":"<b>Ada</b>"}}}""");
		String email = as(tenant).post("/api/v1/templates", """
				{"name":"welcome","channel":"EMAIL","subject":"Hi {{ data.user.name }}",
				 "body":"<p>Hello {{ data.user.name }}</p>"}""").json().get("id").asString();
		Response sample = as(tenant).post("/api/v1/templates/" + email + "/preview",
				"{\"eventType\":\"UserRegistered\"}");
		assertThat(sample.status()).isEqualTo(200);
		assertThat(sample.json().get("body").asString()).isEqualTo("<p>Hello &lt;b&gt;Ada&lt;/b&gt;</p>");
		assertThat(sample.json().get("subject").asString()).isEqualTo("Hi <b>Ada</b>");
		Response given = as(tenant).post("/api/v1/templates/" + email + "/preview",
				"{\"data\":{\"user\":{\"name\":\"Grace\"}}}");
		assertThat(given.json().get("body").asString()).isEqualTo("<p>Hello Grace</p>");
		String hook = as(tenant)
			.post("/api/v1/templates",
					"{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hello {{ data.user.name }}\"}")
			.json()
			.get("id")
			.asString();
		Response raw = as(tenant).post("/api/v1/templates/" + hook + "/preview", "{\"eventType\":\"UserRegistered\"}");
		assertThat(raw.json().get("body").asString()).isEqualTo("Hello <b>Ada</b>");
		Response empty = as(tenant).post("/api/v1/templates/" + hook + "/preview", "{}");
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.json().get("body").asString()).isEqualTo("Hello ");
	}

	@Test
	void webhookSubscriptionGetsASigningSecretShownOnlyOnce() {
		TestTenant tenant = newTenant();
		setUpUserRegisteredAndHookTemplate(tenant);
		Response created = as(tenant).post("/api/v1/subscriptions", """
				{"eventType":"UserRegistered","template":"welcome-hook","channel":"WEBHOOK",
				 "endpoint":"http://127.0.0.1:9999/hook","enabled":true}""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		String secret = created.json().get("signingSecret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(24);
		String stored = this.jdbc.queryForObject("select signing_secret from subscription where id = ?::uuid",
				String.class, id);
		assertThat(stored).startsWith("v2:default:").doesNotContain(secret.substring("whsec_".length()));
		JsonNode list = as(tenant).get("/api/v1/subscriptions").json().get("items");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("recipient").asString()).isEqualTo("subject");
		assertThat(list.get(0).has("signingSecret")).isFalse();
		assertThat(as(tenant).get("/api/v1/subscriptions/" + id).body()).doesNotContain("signingSecret");
	}

	@Test
	void subscriptionReferencesAndEndpointAreChecked() {
		TestTenant tenant = newTenant();
		setUpUserRegisteredAndHookTemplate(tenant);
		Response unknownType = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"Nope\",\"template\":\"welcome-hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}");
		assertThat(unknownType.status()).isEqualTo(422);
		assertThat(unknownType.json().get("detail").asString()).contains("Nope");
		Response unknownTemplate = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"nope\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}");
		assertThat(unknownTemplate.status()).isEqualTo(422);
		assertThat(unknownTemplate.json().get("detail").asString()).contains("nope");
		Response noEndpoint = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"welcome-hook\",\"channel\":\"WEBHOOK\"}");
		assertThat(noEndpoint.status()).isEqualTo(400);
		assertThat(noEndpoint.json().get("errors").findValuesAsString("field")).containsExactly("endpoint");
		Response ftp = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"welcome-hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"ftp://x/y\"}");
		assertThat(ftp.status()).isEqualTo(400);
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).isEmpty();
	}

	@Test
	void celFilterErrorIsABadRequestWithThePosition() {
		TestTenant tenant = newTenant();
		setUpUserRegisteredAndHookTemplate(tenant);
		Response refused = as(tenant).post("/api/v1/subscriptions", """
				{"eventType":"UserRegistered","template":"welcome-hook","channel":"WEBHOOK",
				 "endpoint":"http://127.0.0.1:9999/hook","filter":"data.plan == 'pro' &&"}""");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("position").asInt()).isEqualTo(22);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("filter");
		assertThat(refused.json().get("detail").asString()).contains("position 22");
	}

	@Test
	void subscriptionIsUpdatedAndDeleted() {
		TestTenant tenant = newTenant();
		setUpUserRegisteredAndHookTemplate(tenant);
		String id = as(tenant).post("/api/v1/subscriptions", """
				{"eventType":"UserRegistered","template":"welcome-hook","channel":"WEBHOOK",
				 "endpoint":"http://127.0.0.1:9999/hook"}""").json().get("id").asString();
		Response updated = as(tenant).put("/api/v1/subscriptions/" + id, """
				{"enabled":false,"filter":"data.plan == 'pro'","recipient":"/user/email",
				 "endpoint":"https://hooks.example.com/in"}""");
		assertThat(updated.status()).isEqualTo(200);
		JsonNode body = updated.json();
		assertThat(body.get("enabled").asBoolean()).isFalse();
		assertThat(body.get("filter").asString()).isEqualTo("data.plan == 'pro'");
		assertThat(body.get("recipient").asString()).isEqualTo("/user/email");
		assertThat(body.get("endpoint").asString()).isEqualTo("https://hooks.example.com/in");
		assertThat(body.get("template").asString()).isEqualTo("welcome-hook");
		assertThat(as(tenant).put("/api/v1/subscriptions/" + id, "{\"filter\":\"\"}").json().get("filter").isNull())
			.isTrue();
		assertThat(as(tenant).delete("/api/v1/subscriptions/" + id).status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/subscriptions/" + id).status()).isEqualTo(404);
		assertThat(this.jdbc.queryForList("select action from audit_log where entity_id = ? order by id", String.class,
				id))
			.containsExactly("subscription.created", "subscription.updated", "subscription.updated",
					"subscription.deleted");
	}

	private void setUpUserRegisteredAndHookTemplate(TestTenant tenant) {
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}").status()).isEqualTo(201);
		assertThat(as(tenant).post("/api/v1/templates", """
				{"name":"welcome-hook","channel":"WEBHOOK","locale":"en",
				 "subject":"Welcome {{ data.user.name }}","body":"Hello {{ data.user.name }}"}""").status())
			.isEqualTo(201);
	}

}
