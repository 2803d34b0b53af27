package io.herald.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.fanout.FanOutDecision;
import io.herald.core.fanout.FanOutDecisionLog;
import io.herald.core.fanout.FanOutPlanner;
import io.herald.core.fanout.SubscriptionSnapshot;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.TenantRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/events/{id}}: the stored event with what fan-out decided per
 * subscription, 404 for unknown and another tenant's ids, and the scope it needs. The
 * worker's part (storing the event, then fan-out through platform-core's planner and
 * decision log in one transaction) is done here with the same core components, as the API
 * test context runs no worker.
 */
class EventExplainIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private TenantRepository tenants;

	@Autowired
	private EventTypeRepository eventTypes;

	@Autowired
	private SubscriptionRepository subscriptions;

	@Autowired
	private NotificationRepository notifications;

	@Autowired
	private FanOutPlanner planner;

	@Autowired
	private FanOutDecisionLog decisions;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JsonMapper json;

	@Test
	void storedEventIsShownWithTheDecisionOfEverySubscriptionOfItsType() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"PlanChanged\"}");
		as(tenant).post("/api/v1/templates",
				"{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Now {{ data.plan }}\"}");
		String notified = subscription(tenant, "{\"eventType\":\"PlanChanged\",\"template\":\"hook\","
				+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/all\"}");
		String filtered = subscription(tenant, "{\"eventType\":\"PlanChanged\",\"template\":\"hook\","
				+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/pro\",\"filter\":\"data.plan == 'pro'\"}");
		String disabled = subscription(tenant, "{\"eventType\":\"PlanChanged\",\"template\":\"hook\","
				+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/off\",\"enabled\":false}");
		List<UUID> created = fanOut(tenant, "evt-plan-1", "{\"plan\":\"free\"}");

		Response response = as(tenant).get("/api/v1/events/evt-plan-1");

		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("id").asString()).isEqualTo("evt-plan-1");
		assertThat(body.get("type").asString()).isEqualTo("PlanChanged");
		assertThat(body.get("source").asString()).isEqualTo("/billing");
		assertThat(body.get("subject").asString()).isEqualTo("user-1");
		assertThat(body.get("time").asString()).isNotBlank();
		assertThat(body.get("receivedAt").asString()).isNotBlank();
		assertThat(body.at("/data/plan").asString()).isEqualTo("free");
		assertThat(body.get("explain")).hasSize(3);
		assertThat(explanation(body, notified).get("outcome").asString()).isEqualTo("NOTIFIED");
		assertThat(explanation(body, notified).get("eventType").asString()).isEqualTo("PlanChanged");
		assertThat(explanation(body, notified).get("channel").asString()).isEqualTo("WEBHOOK");
		assertThat(explanation(body, notified).get("notificationIds").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(created.stream().map(UUID::toString).toList());
		assertThat(explanation(body, filtered).get("outcome").asString()).isEqualTo("FILTERED");
		assertThat(explanation(body, filtered).get("reason").asString()).contains("data.plan == 'pro'");
		assertThat(explanation(body, filtered).get("notificationIds")).isEmpty();
		assertThat(explanation(body, disabled).get("outcome").asString()).isEqualTo("DISABLED");
	}

	@Test
	void unknownAndAnotherTenantsEventsAreNotFound() {
		TestTenant owner = newTenant();
		as(owner).post("/api/v1/event-types", "{\"name\":\"PlanChanged\"}");
		fanOut(owner, "evt-owned", "{\"plan\":\"free\"}");
		TestTenant other = newTenant();

		Response crossTenant = as(other).get("/api/v1/events/evt-owned");
		Response unknown = as(owner).get("/api/v1/events/evt-never-sent");

		assertThat(crossTenant.status()).isEqualTo(404);
		assertThat(crossTenant.isProblem()).isTrue();
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(as(owner).get("/api/v1/events/evt-owned").status()).isEqualTo(200);
	}

	@Test
	void readingAnEventNeedsNotificationsRead() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"PlanChanged\"}");
		fanOut(tenant, "evt-scoped", "{}");
		String publisher = as(tenant).post("/api/v1/api-keys", "{\"name\":\"pub\",\"scopes\":[\"events:write\"]}")
			.json()
			.get("apiKey")
			.asString();
		String reader = as(tenant).post("/api/v1/api-keys", "{\"name\":\"read\",\"scopes\":[\"notifications:read\"]}")
			.json()
			.get("apiKey")
			.asString();

		assertThat(this.api.withBearer(publisher).get("/api/v1/events/evt-scoped").status()).isEqualTo(403);
		assertThat(this.api.withBearer(reader).get("/api/v1/events/evt-scoped").status()).isEqualTo(200);
	}

	@Test
	void backfillDryRunCountsTheNotificationsASubscriptionCreatedLaterWouldGetAndTheJobIsAudited() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"PlanChanged\"}");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		subscription(tenant, "{\"eventType\":\"PlanChanged\",\"template\":\"hook\","
				+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/old\"}");
		fanOut(tenant, "evt-old-1", "{\"plan\":\"free\"}");
		fanOut(tenant, "evt-old-2", "{\"plan\":\"pro\"}");
		String later = subscription(tenant, "{\"eventType\":\"PlanChanged\",\"template\":\"hook\","
				+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/new\"}");
		String body = "{\"kind\":\"EVENTS\",\"filter\":{\"eventType\":\"PlanChanged\"},\"ratePerSecond\":10";

		Response dryRun = as(tenant).post("/api/v1/replays", body + ",\"dryRun\":true}");
		Response unexplained = as(tenant).get("/api/v1/events/evt-old-1");
		Response job = as(tenant).post("/api/v1/replays", body + "}");
		Response wrongField = as(tenant).post("/api/v1/replays",
				"{\"kind\":\"EVENTS\",\"dryRun\":true,\"filter\":{\"status\":[\"DEAD\"]}}");

		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.json().get("matched").asInt()).isEqualTo(2);
		assertThat(dryRun.json().get("wouldCreate").asInt()).isEqualTo(2);
		assertThat(dryRun.json().get("sample").valueStream().map((s) -> s.get("subscriptionId").asString()))
			.containsOnly(later);
		assertThat(dryRun.json().at("/sample/0/channel").asString()).isEqualTo("WEBHOOK");
		assertThat(dryRun.json().at("/sample/0/recipient").asString()).isEqualTo("http://127.0.0.1:9/new");
		assertThat(explanation(unexplained.json(), later).get("outcome").asString()).isEqualTo("NOT_EVALUATED");
		assertThat(job.status()).isEqualTo(202);
		assertThat(job.json().get("kind").asString()).isEqualTo("EVENTS");
		assertThat(job.location()).isEqualTo("/api/v1/replays/" + job.json().get("id").asString());
		assertThat(this.jdbc.queryForObject(
				"SELECT details FROM audit_log WHERE entity_type = 'replay_job' AND entity_id = ? AND action = 'replay.created'",
				String.class, job.json().get("id").asString()))
			.contains("\"kind\":\"EVENTS\"");
		assertThat(wrongField.status()).isEqualTo(400);
		assertThat(wrongField.body()).contains("filter.status");

		Response operatorDryRun = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.post("/api/v1/ops/replays", body + ",\"dryRun\":true,\"tenant\":\"" + tenant.slug() + "\"}");
		assertThat(operatorDryRun.status()).isEqualTo(200);
		assertThat(operatorDryRun.json().get("matched").asInt()).isEqualTo(2);
		assertThat(operatorDryRun.json().get("wouldCreate").asInt()).isEqualTo(2);
	}

	private String subscription(TestTenant tenant, String body) {
		Response created = as(tenant).post("/api/v1/subscriptions", body);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static JsonNode explanation(JsonNode body, String subscriptionId) {
		return body.get("explain")
			.valueStream()
			.filter((e) -> e.get("subscriptionId").asString().equals(subscriptionId))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * What the worker does with a new event: stores it, then plans its fan-out, inserts
	 * the notifications and records the decisions, in one transaction.
	 */
	private List<UUID> fanOut(TestTenant tenant, String eventId, String data) {
		return this.transactions.execute((status) -> {
			Instant now = Instant.now();
			CloudEventEnvelope event = new CloudEventEnvelope(eventId, "/billing", "PlanChanged", "user-1", now,
					"application/json", this.json.readTree(data), tenant.id());
			this.events.save(new EventRecord(tenant.id(), event, data, now));
			UUID type = this.eventTypes.findByTenantIdAndName(tenant.id(), "PlanChanged").orElseThrow().getId();
			List<SubscriptionSnapshot> snapshots = this.subscriptions
				.findAllByTenantIdAndEventTypeIdOrderByCreatedAtAsc(tenant.id(), type)
				.stream()
				.map(SubscriptionSnapshot::of)
				.toList();
			List<FanOutDecision> plan = this.planner.plan(this.tenants.findById(tenant.id()).orElseThrow(), event,
					snapshots, now);
			List<UUID> ids = new ArrayList<>();
			List<FanOutDecisionLog.Row> rows = new ArrayList<>();
			for (FanOutDecision decision : plan) {
				for (Notification notification : decision.notifications()) {
					ids.add(this.notifications.save(notification).getId());
				}
				rows.add(new FanOutDecisionLog.Row(tenant.id(), eventId, decision, now, null));
			}
			this.events.flush();
			this.decisions.record(rows, false);
			return ids;
		});
	}

}
