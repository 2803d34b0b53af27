package io.herald.api;

import java.time.Instant;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.delivery.DeliveryAttemptRepository;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxMessageRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications, delivery attempts and the sandbox inbox as the worker leaves them in
 * PostgreSQL, read through the API; and what another tenant can see of them (nothing).
 */
class DeliveryHistoryIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Autowired
	private DeliveryAttemptRepository attempts;

	@Autowired
	private SandboxMessageRepository sandbox;

	@Test
	void notificationsOfAnEventAreListedWithTheirAttempts() {
		TestTenant tenant = newTenant();
		UUID subscription = webhookSubscription(tenant);
		Notification sent = notification(tenant, subscription, "evt-1", "user-1", NotificationStatus.SENT);
		this.attempts.save(new DeliveryAttempt(tenant.id(), sent.getId(), 1, Instant.parse("2026-11-26T10:00:01Z"), 42,
				AttemptOutcome.SENT, 204, null, null));
		notification(tenant, subscription, "evt-2", "user-2", NotificationStatus.DEAD);
		JsonNode items = as(tenant).get("/api/v1/notifications?eventId=evt-1").json().get("items");
		assertThat(items).hasSize(1);
		JsonNode item = items.get(0);
		assertThat(item.get("id").asString()).isEqualTo(sent.getId().toString());
		assertThat(item.get("eventType").asString()).isEqualTo("UserRegistered");
		assertThat(item.get("channel").asString()).isEqualTo("WEBHOOK");
		assertThat(item.get("status").asString()).isEqualTo("SENT");
		assertThat(item.get("attempts").asInt()).isZero();
		assertThat(
				as(tenant).get("/api/v1/notifications?status=dead").json().get("items").findValuesAsString("eventId"))
			.containsExactly("evt-2");
		assertThat(as(tenant).get("/api/v1/notifications?status=LOST").status()).isEqualTo(400);
		JsonNode detail = as(tenant).get("/api/v1/notifications/" + sent.getId()).json();
		assertThat(detail.get("deliveryAttempts")).hasSize(1);
		JsonNode attempt = detail.get("deliveryAttempts").get(0);
		assertThat(attempt.get("attemptNumber").asInt()).isEqualTo(1);
		assertThat(attempt.get("latencyMs").asLong()).isEqualTo(42);
		assertThat(attempt.get("outcome").asString()).isEqualTo("SENT");
		assertThat(attempt.get("httpStatus").asInt()).isEqualTo(204);
	}

	@Test
	void sandboxInboxListsTheCallersMessagesNewestFirst() {
		TestTenant tenant = newTenant();
		TestTenant other = newTenant();
		UUID subscription = webhookSubscription(tenant);
		Notification first = notification(tenant, subscription, "evt-1", "user-1", NotificationStatus.SENT);
		Notification second = notification(tenant, subscription, "evt-2", "user-1", NotificationStatus.SENT);
		this.sandbox.save(new SandboxMessage(tenant.id(), first.getId(), Channel.EMAIL, "ada@example.com", "First",
				"<p>1</p>", Instant.parse("2026-11-26T10:00:00Z")));
		this.sandbox.save(new SandboxMessage(tenant.id(), second.getId(), Channel.EMAIL, "ada@example.com", "Second",
				"<p>2</p>", Instant.parse("2026-11-26T11:00:00Z")));
		JsonNode items = as(tenant).get("/api/v1/sandbox/messages").json().get("items");
		assertThat(items.findValuesAsString("subject")).containsExactly("Second", "First");
		JsonNode newest = items.get(0);
		assertThat(newest.get("notificationId").asString()).isEqualTo(second.getId().toString());
		assertThat(newest.get("to").asString()).isEqualTo("ada@example.com");
		assertThat(newest.get("channel").asString()).isEqualTo("EMAIL");
		assertThat(newest.get("body").asString()).isEqualTo("<p>2</p>");
		assertThat(as(other).get("/api/v1/sandbox/messages").json().get("items")).isEmpty();
	}

	@Test
	void anotherTenantSeesNothingOfTheFirstAndGets404s() {
		TestTenant a = newTenant();
		TestTenant b = newTenant();
		UUID subscription = webhookSubscription(a);
		Notification notification = notification(a, subscription, "evt-a", "user-a", NotificationStatus.SENT);
		String template = as(a).get("/api/v1/templates").json().at("/items/0/id").asString();
		String eventType = as(a).get("/api/v1/event-types").json().at("/items/0/id").asString();
		as(a).put("/api/v1/recipients/user-a", "{\"email\":\"a@example.com\"}");

		assertThat(as(b).get("/api/v1/subscriptions/" + subscription).status()).isEqualTo(404);
		assertThat(as(b).put("/api/v1/subscriptions/" + subscription, "{\"enabled\":false}").status()).isEqualTo(404);
		assertThat(as(b).delete("/api/v1/subscriptions/" + subscription).status()).isEqualTo(404);
		assertThat(as(b).get("/api/v1/notifications/" + notification.getId()).status()).isEqualTo(404);
		assertThat(as(b).get("/api/v1/templates/" + template).status()).isEqualTo(404);
		assertThat(as(b).post("/api/v1/templates/" + template + "/preview", "{}").status()).isEqualTo(404);
		assertThat(as(b).get("/api/v1/event-types/" + eventType).status()).isEqualTo(404);
		assertThat(as(b).get("/api/v1/recipients/user-a").status()).isEqualTo(404);

		assertThat(as(b).get("/api/v1/subscriptions").json().get("items")).isEmpty();
		assertThat(as(b).get("/api/v1/notifications?eventId=evt-a").json().get("items")).isEmpty();
		assertThat(as(b).get("/api/v1/notifications").json().get("items")).isEmpty();
		assertThat(as(b).get("/api/v1/templates").json().get("items")).isEmpty();
		assertThat(as(b).get("/api/v1/event-types").json().get("items")).isEmpty();
		assertThat(as(a).get("/api/v1/subscriptions/" + subscription).json().get("enabled").asBoolean()).isTrue();
	}

	@Test
	void subscriptionWithHistoryIsDisabledRatherThanDeleted() {
		TestTenant tenant = newTenant();
		UUID subscription = webhookSubscription(tenant);
		notification(tenant, subscription, "evt-1", "user-1", NotificationStatus.SENT);
		assertThat(as(tenant).delete("/api/v1/subscriptions/" + subscription).status()).isEqualTo(204);
		Response kept = as(tenant).get("/api/v1/subscriptions/" + subscription);
		assertThat(kept.status()).isEqualTo(200);
		assertThat(kept.json().get("enabled").asBoolean()).isFalse();
	}

	private UUID webhookSubscription(TestTenant tenant) {
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		Response created = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}");
		return UUID.fromString(created.json().get("id").asString());
	}

	/** What the worker leaves behind: the stored event and its outbox row. */
	private Notification notification(TestTenant tenant, UUID subscription, String eventId, String recipient,
			NotificationStatus status) {
		Instant now = Instant.now();
		if (!this.events.existsById(new EventRecord.Key(tenant.id(), eventId))) {
			this.events.save(new EventRecord(tenant.id(), new CloudEventEnvelope(eventId, "/test", "UserRegistered",
					recipient, now, "application/json", null, tenant.id()), "{}", now));
		}
		Notification notification = new Notification(tenant.id(), eventId, "UserRegistered", subscription,
				Channel.WEBHOOK, recipient, "http://127.0.0.1:9/h", now);
		notification.rendered(null, 1, "Hi", "Hi");
		notification.settle(status, null, now);
		return this.notifications.save(notification);
	}

}
