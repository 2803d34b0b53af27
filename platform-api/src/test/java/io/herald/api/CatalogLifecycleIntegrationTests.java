package io.herald.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event types and templates by name, template versions and rollback, and deleting what no
 * subscription uses (409 while one does), each change audited.
 */
class CatalogLifecycleIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Test
	void eventTypesAndTemplatesAreReachableByIdAndByName() {
		TestTenant tenant = newTenant();
		String id = as(tenant).post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}").json().get("id").asString();
		assertThat(as(tenant).get("/api/v1/event-types/OrderPlaced").json().get("id").asString()).isEqualTo(id);
		assertThat(as(tenant).get("/api/v1/event-types/" + id).json().get("name").asString()).isEqualTo("OrderPlaced");
		assertThat(as(tenant).get("/api/v1/event-types/NoSuchType").status()).isEqualTo(404);
		assertThat(as(newTenant()).get("/api/v1/event-types/OrderPlaced").status()).isEqualTo(404);

		template(tenant, "welcome", "EMAIL", "en", "Hello v1");
		String v2 = template(tenant, "welcome", "EMAIL", "en", "Hello v2");
		JsonNode byName = as(tenant).get("/api/v1/templates/welcome").json();
		assertThat(byName.get("id").asString()).isEqualTo(v2);
		assertThat(byName.get("version").asInt()).isEqualTo(2);
		assertThat(as(tenant).get("/api/v1/templates/" + v2).json().get("body").asString()).isEqualTo("Hello v2");

		template(tenant, "welcome", "EMAIL", "fr", "Bonjour");
		Response ambiguous = as(tenant).get("/api/v1/templates/welcome");
		assertThat(ambiguous.status()).isEqualTo(400);
		assertThat(ambiguous.json().get("errors").findValuesAsString("field")).containsExactly("channel");
		assertThat(as(tenant).get("/api/v1/templates/welcome?locale=fr").json().get("body").asString())
			.isEqualTo("Bonjour");
		assertThat(as(tenant).get("/api/v1/templates/welcome?channel=email&locale=en").json().get("version").asInt())
			.isEqualTo(2);
		assertThat(as(tenant).get("/api/v1/templates/welcome?channel=PUSH").status()).isEqualTo(404);
		assertThat(as(newTenant()).get("/api/v1/templates/welcome").status()).isEqualTo(404);
	}

	@Test
	void rollbackPublishesAnEarlierVersionsContentAsTheNextVersion() {
		TestTenant tenant = newTenant();
		String v1 = template(tenant, "receipt", "EMAIL", "en", "First {{ data.total }}");
		template(tenant, "receipt", "EMAIL", "en", "Second");
		template(tenant, "receipt", "EMAIL", "en", "Third");

		Response rolledBack = as(tenant).post("/api/v1/templates/receipt/rollback", "{\"version\":1}");
		assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(201);
		JsonNode v4 = rolledBack.json();
		assertThat(v4.get("version").asInt()).isEqualTo(4);
		assertThat(v4.get("body").asString()).isEqualTo("First {{ data.total }}");
		assertThat(v4.get("subject").asString()).isEqualTo("Subject receipt");
		assertThat(rolledBack.location()).isEqualTo("/api/v1/templates/" + v4.get("id").asString());
		assertThat(as(tenant).get("/api/v1/templates/receipt").json().get("version").asInt()).isEqualTo(4);

		JsonNode versions = as(tenant).get("/api/v1/templates/receipt/versions").json();
		assertThat(versions.get("items").findValuesAsString("body")).containsExactly("First {{ data.total }}", "Second",
				"Third", "First {{ data.total }}");
		assertThat(versions.get("nextCursor").isNull()).isTrue();

		Map<String, Object> audit = this.jdbc.queryForMap(
				"SELECT actor_type, entity_id, details FROM audit_log WHERE tenant_id = ? AND action = 'template.rolled-back'",
				tenant.id());
		assertThat(audit.get("actor_type")).isEqualTo("API_KEY");
		assertThat(audit.get("entity_id")).isEqualTo(v4.get("id").asString());
		assertThat((String) audit.get("details")).contains("\"fromVersion\":1").contains("\"version\":4").contains(v1);

		// by a version's id too
		assertThat(as(tenant).post("/api/v1/templates/" + v1 + "/rollback", "{\"version\":2}")
			.json()
			.get("version")
			.asInt()).isEqualTo(5);
		assertThat(as(tenant).post("/api/v1/templates/receipt/rollback", "{\"version\":9}").status()).isEqualTo(404);
		assertThat(as(tenant).post("/api/v1/templates/receipt/rollback", "{\"version\":0}").status()).isEqualTo(400);
		assertThat(as(tenant).post("/api/v1/templates/receipt/rollback", "{}").status()).isEqualTo(400);
		assertThat(as(tenant).post("/api/v1/templates/nothing/rollback", "{\"version\":1}").status()).isEqualTo(404);
		assertThat(as(newTenant()).post("/api/v1/templates/receipt/rollback", "{\"version\":1}").status())
			.isEqualTo(404);
		assertThat(as(tenant).get("/api/v1/templates/receipt").json().get("version").asInt()).isEqualTo(5);
	}

	@Test
	void anEventTypeOrTemplateInUseIsNotDeletedUntilItsSubscriptionsAreGone() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		template(tenant, "welcome", "WEBHOOK", "en", "Hi");
		template(tenant, "welcome", "WEBHOOK", "en", "Hi again");
		String subscription = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"welcome\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}")
			.json()
			.get("id")
			.asString();

		Response typeInUse = as(tenant).delete("/api/v1/event-types/UserRegistered");
		assertThat(typeInUse.status()).isEqualTo(409);
		assertThat(typeInUse.problemType()).isEqualTo("https://herald.dev/problems/conflict");
		assertThat(as(tenant).delete("/api/v1/templates/welcome").status()).isEqualTo(409);
		assertThat(as(tenant).delete("/api/v1/templates/welcome?channel=WEBHOOK&locale=en").status()).isEqualTo(409);
		assertThat(as(newTenant()).delete("/api/v1/event-types/UserRegistered").status()).isEqualTo(404);

		assertThat(as(tenant).delete("/api/v1/subscriptions/" + subscription).status()).isEqualTo(204);
		assertThat(as(tenant).delete("/api/v1/templates/welcome").status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/templates/welcome").status()).isEqualTo(404);
		assertThat(as(tenant).get("/api/v1/templates/welcome/versions").status()).isEqualTo(404);
		assertThat(as(tenant).delete("/api/v1/event-types/UserRegistered").status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/event-types/UserRegistered").status()).isEqualTo(404);
		assertThat(as(tenant).delete("/api/v1/event-types/UserRegistered").status()).isEqualTo(404);

		List<String> actions = this.jdbc.queryForList(
				"SELECT action FROM audit_log WHERE tenant_id = ? AND action LIKE '%.deleted' ORDER BY id",
				String.class, tenant.id());
		assertThat(actions).containsExactly("subscription.deleted", "template.deleted", "event-type.deleted");
	}

	@Test
	void aTemplateDeleteCanBeNarrowedToAChannelAndLocale() {
		TestTenant tenant = newTenant();
		template(tenant, "news", "EMAIL", "en", "News");
		template(tenant, "news", "EMAIL", "fr", "Nouvelles");
		template(tenant, "news", "PUSH", "en", "Push news");
		assertThat(as(tenant).delete("/api/v1/templates/news?channel=EMAIL&locale=fr").status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/templates/news/versions").json().get("items").findValuesAsString("locale"))
			.containsExactly("en", "en");
		assertThat(as(tenant).delete("/api/v1/templates/news?channel=EMAIL&locale=fr").status()).isEqualTo(404);
		assertThat(as(tenant).delete("/api/v1/templates/news?channel=PUSH").status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/templates/news").json().get("channel").asString()).isEqualTo("EMAIL");
	}

	@Test
	void aTemplateThatNotificationsWereRenderedFromStaysInHistory() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		String version = template(tenant, "hook", "WEBHOOK", "en", "Hi");
		String subscription = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}")
			.json()
			.get("id")
			.asString();
		Instant now = Instant.now();
		this.events.save(new EventRecord(tenant.id(), new CloudEventEnvelope("evt-1", "/test", "UserRegistered", "u",
				now, "application/json", null, tenant.id()), "{}", now));
		Notification sent = new Notification(tenant.id(), "evt-1", "UserRegistered", UUID.fromString(subscription),
				Channel.WEBHOOK, "u", "http://127.0.0.1:9/h", now);
		sent.rendered(UUID.fromString(version), 1, null, "Hi");
		sent.settle(NotificationStatus.SENT, null, now);
		this.notifications.save(sent);
		// the subscription is only disabled (it has history), so it still refers to the
		// template: the template and the event type stay
		assertThat(as(tenant).delete("/api/v1/subscriptions/" + subscription).status()).isEqualTo(204);
		assertThat(as(tenant).delete("/api/v1/templates/hook").status()).isEqualTo(409);
		assertThat(as(tenant).delete("/api/v1/event-types/UserRegistered").status()).isEqualTo(409);
		this.jdbc.update("UPDATE subscription SET template_name = 'other' WHERE id = ?::uuid", subscription);
		Response inHistory = as(tenant).delete("/api/v1/templates/hook");
		assertThat(inHistory.status()).isEqualTo(409);
		assertThat(inHistory.json().get("detail").asString()).contains("delivery history");
		assertThat(as(tenant).get("/api/v1/templates/" + version).status()).isEqualTo(200);
	}

	private String template(TestTenant tenant, String name, String channel, String locale, String body) {
		Response created = as(tenant).post("/api/v1/templates", "{\"name\":\"" + name + "\",\"channel\":\"" + channel
				+ "\",\"locale\":\"" + locale + "\",\"subject\":\"Subject " + name + "\",\"body\":\"" + body + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
