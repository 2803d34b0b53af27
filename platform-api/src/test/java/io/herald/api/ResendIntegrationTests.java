package io.herald.api;

import java.time.Instant;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditEntry;
import io.herald.core.audit.AuditEntryRepository;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/notifications/{id}/resend}: which statuses allow it, what the
 * notification looks like afterwards, the audit entry, and another tenant's 404.
 */
class ResendIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Autowired
	private DeliveryAttemptRepository attempts;

	@Autowired
	private AuditEntryRepository audit;

	@Test
	void deadNotificationIsResentAsANewAttemptSeriesOfTheSameNotification() {
		TestTenant tenant = newTenant();
		Notification dead = notification(tenant, "evt-1", NotificationStatus.DEAD);
		this.jdbc.update("UPDATE notification SET attempts = 3 WHERE id = ?", dead.getId());
		this.attempts.save(new DeliveryAttempt(tenant.id(), dead.getId(), 3, Instant.now(), 5, AttemptOutcome.RETRY,
				500, null, "HTTP 500"));

		Response resent = as(tenant).post("/api/v1/notifications/" + dead.getId() + "/resend", "");

		assertThat(resent.status()).isEqualTo(202);
		JsonNode body = resent.json();
		assertThat(body.get("id").asString()).isEqualTo(dead.getId().toString());
		assertThat(body.get("status").asString()).isEqualTo("PENDING");
		assertThat(body.get("statusReason").isNull()).isTrue();
		assertThat(body.get("attempts").asInt()).isEqualTo(3);
		assertThat(body.get("attemptSeries").asInt()).isEqualTo(2);
		assertThat(body.get("nextAttemptAt").isNull()).isFalse();
		assertThat(body.at("/deliveryAttempts/0/series").asInt()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT attempt_base FROM notification WHERE id = ?", Integer.class,
				dead.getId()))
			.isEqualTo(3);
		AuditEntry entry = resentEntry(tenant, dead);
		assertThat(entry.getActorType()).isEqualTo(Actor.Type.API_KEY);
		assertThat(tenant.apiKey()).contains(entry.getActor());
		assertThat(entry.getDetails()).contains("\"from\":\"DEAD\"").contains("\"series\":2");

		assertThat(as(tenant).post("/api/v1/notifications/" + dead.getId() + "/resend", "").status())
			.as("a PENDING notification is still on its way")
			.isEqualTo(409);
	}

	@Test
	void failedNotificationIsResent() {
		TestTenant tenant = newTenant();
		Notification failed = notification(tenant, "evt-1", NotificationStatus.FAILED);
		Response resent = as(tenant).post("/api/v1/notifications/" + failed.getId() + "/resend", "{}");
		assertThat(resent.status()).isEqualTo(202);
		assertThat(resent.json().get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void sentNotificationIsResentOnlyWhenForcedWithAReason() {
		TestTenant tenant = newTenant();
		Notification sent = notification(tenant, "evt-1", NotificationStatus.SENT);
		String path = "/api/v1/notifications/" + sent.getId() + "/resend";

		assertThat(as(tenant).post(path, "").status()).isEqualTo(409);
		assertThat(as(tenant).post(path, "{\"force\":true}").status()).isEqualTo(400);
		assertThat(this.notifications.findById(sent.getId()).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.SENT);

		Response forced = as(tenant).post(path, "{\"force\":true,\"reason\":\"receiver lost its database\"}");
		assertThat(forced.status()).isEqualTo(202);
		assertThat(forced.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(forced.json().get("sentAt").isNull()).isTrue();
		assertThat(resentEntry(tenant, sent).getDetails()).contains("receiver lost its database")
			.contains("\"force\":true");
	}

	@Test
	void resendKeepsTheMessageIdUnlessANewOneIsAskedFor() {
		TestTenant tenant = newTenant();
		Notification dead = notification(tenant, "evt-1", NotificationStatus.DEAD);
		String path = "/api/v1/notifications/" + dead.getId() + "/resend";

		Response kept = as(tenant).post(path, "{}");
		assertThat(kept.status()).isEqualTo(202);
		assertThat(kept.json().get("messageId").asString()).isEqualTo(dead.getId().toString());

		this.jdbc.update("UPDATE notification SET status = 'DEAD' WHERE id = ?", dead.getId());
		Response renewed = as(tenant).post(path, "{\"newMessageId\":true}");
		assertThat(renewed.status()).isEqualTo(202);
		assertThat(renewed.json().get("id").asString()).isEqualTo(dead.getId().toString());
		String messageId = renewed.json().get("messageId").asString();
		assertThat(messageId).isNotEqualTo(dead.getId().toString());
		assertThat(as(tenant).get("/api/v1/notifications/" + dead.getId()).json().get("messageId").asString())
			.isEqualTo(messageId);
		assertThat(this.audit
			.findAllByTenantIdAndEntityTypeAndEntityIdOrderByCreatedAtAscIdAsc(tenant.id(), "notification",
					dead.getId().toString())
			.stream()
			.filter((entry) -> entry.getAction().equals("notification.resent"))
			.map(AuditEntry::getDetails)).hasSize(2).last().asString().contains("\"newMessageId\":true");
	}

	@Test
	void suppressedNotificationIsNeverResent() {
		TestTenant tenant = newTenant();
		Notification suppressed = notification(tenant, "evt-1", NotificationStatus.SUPPRESSED);
		String path = "/api/v1/notifications/" + suppressed.getId() + "/resend";
		assertThat(as(tenant).post(path, "").status()).isEqualTo(409);
		assertThat(as(tenant).post(path, "{\"force\":true,\"reason\":\"please\"}").status()).isEqualTo(409);
		assertThat(this.notifications.findById(suppressed.getId()).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.SUPPRESSED);
	}

	@Test
	void anotherTenantsNotificationIsNotFoundAndStaysAsItWas() {
		TestTenant owner = newTenant();
		TestTenant other = newTenant();
		Notification dead = notification(owner, "evt-1", NotificationStatus.DEAD);
		assertThat(as(other).post("/api/v1/notifications/" + dead.getId() + "/resend", "").status()).isEqualTo(404);
		assertThat(as(other).post("/api/v1/notifications/" + UUID.randomUUID() + "/resend", "").status())
			.isEqualTo(404);
		assertThat(this.notifications.findById(dead.getId()).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.DEAD);
	}

	@Test
	void resendNeedsTheReplaysWriteScopeNotJustNotificationsRead() {
		TestTenant tenant = newTenant();
		Notification dead = notification(tenant, "evt-1", NotificationStatus.DEAD);
		String path = "/api/v1/notifications/" + dead.getId() + "/resend";
		ApiClient reader = this.api.withBearer(key(tenant, "notifications:read"));
		assertThat(reader.get("/api/v1/notifications/" + dead.getId()).status()).isEqualTo(200);
		assertThat(reader.post(path, "").status()).isEqualTo(403);
		assertThat(this.api.withBearer(key(tenant, "replays:write")).post(path, "").status()).isEqualTo(202);
	}

	private String key(TestTenant tenant, String scope) {
		return as(tenant).post("/api/v1/api-keys", "{\"name\":\"" + scope + "\",\"scopes\":[\"" + scope + "\"]}")
			.json()
			.get("apiKey")
			.asString();
	}

	private AuditEntry resentEntry(TestTenant tenant, Notification notification) {
		return this.audit
			.findAllByTenantIdAndEntityTypeAndEntityIdOrderByCreatedAtAscIdAsc(tenant.id(), "notification",
					notification.getId().toString())
			.stream()
			.filter((entry) -> entry.getAction().equals("notification.resent"))
			.findFirst()
			.orElseThrow();
	}

	/** What the worker leaves behind: the stored event and its settled outbox row. */
	private Notification notification(TestTenant tenant, String eventId, NotificationStatus status) {
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		UUID subscription = UUID.fromString(as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}")
			.json()
			.get("id")
			.asString());
		Instant now = Instant.now();
		this.events.save(new EventRecord(tenant.id(), new CloudEventEnvelope(eventId, "/test", "UserRegistered",
				"user-1", now, "application/json", null, tenant.id()), "{}", now));
		Notification notification = new Notification(tenant.id(), eventId, "UserRegistered", subscription,
				Channel.WEBHOOK, "user-1", "http://127.0.0.1:9/h", now);
		notification.rendered(null, 1, "Hi", "Hi");
		notification.settle(status, "HTTP 500", now);
		Notification saved = this.notifications.save(notification);
		if (status == NotificationStatus.SENT) {
			this.jdbc.update("UPDATE notification SET sent_at = now() WHERE id = ?", saved.getId());
		}
		return saved;
	}

}
