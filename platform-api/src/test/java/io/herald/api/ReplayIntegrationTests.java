package io.herald.api;

import java.time.Instant;
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
 * {@code /api/v1/replays} and {@code /api/v1/ops/replays} over HTTP: dry run, job
 * creation, listing, cancel, tenant isolation and audit. No worker runs here, so jobs
 * stay {@code PENDING}; running them is proven in platform-worker.
 */
class ReplayIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Test
	void dryRunCountsAndSamplesWithoutChangingAnything() {
		TestTenant tenant = newTenant();
		UUID subscription = subscription(tenant);
		Notification dead = notification(tenant, subscription, NotificationStatus.DEAD, "HTTP 500: down");
		notification(tenant, subscription, NotificationStatus.FAILED, "HTTP 400: bad");
		notification(tenant, subscription, NotificationStatus.SENT, null);
		newTenantWithDead();

		Response all = as(tenant).post("/api/v1/replays", "{\"dryRun\":true}");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().get("matched").asInt()).isEqualTo(2);
		assertThat(all.json().get("sample")).hasSize(2);

		Response narrowed = as(tenant).post("/api/v1/replays",
				"{\"kind\":\"NOTIFICATIONS\",\"dryRun\":true,\"filter\":{\"status\":[\"DEAD\"],\"channel\":\"webhook\","
						+ "\"eventType\":\"OrderPlaced\",\"subscriptionId\":\"" + subscription
						+ "\",\"errorContains\":\"HTTP 500\",\"from\":\"2020-01-01T00:00:00Z\"}}");
		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(narrowed.json().get("matched").asInt()).isEqualTo(1);
		assertThat(narrowed.json().at("/sample/0/id").asString()).isEqualTo(dead.getId().toString());
		assertThat(this.notifications.findById(dead.getId()).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.DEAD);

		assertThat(as(tenant).post("/api/v1/replays", "{\"dryRun\":true,\"filter\":{\"status\":[\"SENT\"]}}").status())
			.isEqualTo(400);
		assertThat(as(tenant).post("/api/v1/replays", "{\"dryRun\":true,\"ratePerSecond\":0}").status()).isEqualTo(400);
		assertThat(as(tenant).post("/api/v1/replays", "{\"kind\":\"EVERYTHING\",\"dryRun\":true}").status())
			.isEqualTo(400);
	}

	@Test
	void jobIsCreatedListedCancelledAndAudited() {
		TestTenant tenant = newTenant();
		notification(tenant, subscription(tenant), NotificationStatus.DEAD, "HTTP 500");
		Response created = as(tenant).post("/api/v1/replays",
				"{\"filter\":{\"status\":[\"DEAD\",\"FAILED\"]},\"ratePerSecond\":25}");
		assertThat(created.status()).isEqualTo(202);
		String id = created.json().get("id").asString();
		assertThat(created.location()).endsWith("/api/v1/replays/" + id);
		assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(created.json().get("kind").asString()).isEqualTo("NOTIFICATIONS");
		assertThat(created.json().get("ratePerSecond").asInt()).isEqualTo(25);
		assertThat(created.json().at("/filter/status/0").asString()).isEqualTo("DEAD");
		assertThat(tenant.apiKey()).contains(created.json().get("createdBy").asString());

		assertThat(as(tenant).get("/api/v1/replays/" + id).json().get("status").asString()).isEqualTo("PENDING");
		assertThat(as(tenant).get("/api/v1/replays").json().get("items").findValuesAsString("id")).containsExactly(id);

		TestTenant other = newTenant();
		assertThat(as(other).get("/api/v1/replays/" + id).status()).isEqualTo(404);
		assertThat(as(other).post("/api/v1/replays/" + id + "/cancel", "").status()).isEqualTo(404);
		assertThat(as(other).get("/api/v1/replays").json().get("items")).isEmpty();

		Response cancelled = as(tenant).post("/api/v1/replays/" + id + "/cancel", "");
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.json().get("finishedAt").isNull()).isFalse();
		assertThat(as(tenant).post("/api/v1/replays/" + id + "/cancel", "").status()).isEqualTo(409);

		assertThat(this.jdbc.queryForList(
				"SELECT action FROM audit_log WHERE entity_type = 'replay_job' AND entity_id = ? ORDER BY id",
				String.class, id))
			.containsExactly("replay.created", "replay.cancelled");
	}

	@Test
	void operatorReplaysOneTenantOrAllAndSeesEveryJob() {
		TestTenant a = newTenant();
		TestTenant b = newTenant();
		notification(a, subscription(a), NotificationStatus.DEAD, "HTTP 500");
		notification(b, subscription(b), NotificationStatus.DEAD, "HTTP 500");
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);

		Response one = operator.post("/api/v1/ops/replays", "{\"dryRun\":true,\"tenant\":\"" + a.slug() + "\"}");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("matched").asInt()).isEqualTo(1);
		assertThat(one.json().at("/sample/0/tenantId").asString()).isEqualTo(a.id().toString());
		Response all = operator.post("/api/v1/ops/replays", "{\"dryRun\":true}");
		assertThat(all.json().get("matched").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(operator.post("/api/v1/ops/replays", "{\"dryRun\":true,\"tenant\":\"no-such-tenant\"}").status())
			.isEqualTo(404);

		Response created = operator.post("/api/v1/ops/replays", "{\"tenant\":\"" + b.slug() + "\"}");
		assertThat(created.status()).isEqualTo(202);
		String id = created.json().get("id").asString();
		assertThat(created.location()).endsWith("/api/v1/ops/replays/" + id);
		assertThat(created.json().get("createdBy").asString()).isEqualTo(OPERATOR);
		assertThat(as(b).get("/api/v1/replays/" + id).status()).isEqualTo(200);
		assertThat(as(a).get("/api/v1/replays/" + id).status()).isEqualTo(404);
		assertThat(operator.get("/api/v1/ops/replays").json().get("items").findValuesAsString("id")).contains(id);
		assertThat(operator.get("/api/v1/ops/replays?tenant=" + a.slug()).json().get("items")).isEmpty();
		assertThat(operator.get("/api/v1/ops/replays/" + id).status()).isEqualTo(200);
		assertThat(operator.post("/api/v1/ops/replays/" + id + "/cancel", "").json().get("status").asString())
			.isEqualTo("CANCELLED");
		assertThat(as(a).post("/api/v1/ops/replays", "{\"dryRun\":true}").status()).isIn(401, 403);
	}

	private TestTenant newTenantWithDead() {
		TestTenant other = newTenant();
		notification(other, subscription(other), NotificationStatus.DEAD, "HTTP 500: down");
		return other;
	}

	private UUID subscription(TestTenant tenant) {
		as(tenant).post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		return UUID.fromString(as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"OrderPlaced\",\"template\":\"hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h\"}")
			.json()
			.get("id")
			.asString());
	}

	private Notification notification(TestTenant tenant, UUID subscription, NotificationStatus status, String reason) {
		Instant now = Instant.now();
		String eventId = "evt-" + UUID.randomUUID();
		this.events.save(new EventRecord(tenant.id(), new CloudEventEnvelope(eventId, "/test", "OrderPlaced", "user-1",
				now, "application/json", null, tenant.id()), "{}", now));
		Notification notification = new Notification(tenant.id(), eventId, "OrderPlaced", subscription, Channel.WEBHOOK,
				"user-1", "http://127.0.0.1:9/h", now);
		notification.rendered(null, 1, "Hi", "Hi");
		notification.settle(status, reason, now);
		return this.notifications.save(notification);
	}

}
