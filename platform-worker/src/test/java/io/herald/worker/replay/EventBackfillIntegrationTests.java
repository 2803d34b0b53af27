package io.herald.worker.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.event.EventManagement;
import io.herald.core.event.EventView;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.replay.BackfillPreview;
import io.herald.core.replay.BackfillSample;
import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayKind;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import io.herald.core.replay.ReplayStatus;
import io.herald.core.subscription.Subscription;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantScope;
import io.herald.worker.IngestIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code EVENTS} backfill over real Kafka, PostgreSQL and Redis with the worker's own
 * replay runner: events fanned out live, then subscriptions created afterwards get last
 * week's facts; only the missing notifications are created, the dry run counts exactly
 * what the run creates, a second backfill creates nothing, and the decisions and audit
 * entries name the job.
 */
class EventBackfillIntegrationTests extends IngestIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	ReplayManagement replays;

	@Autowired
	EventManagement eventLog;

	@Autowired
	JdbcClient jdbc;

	@Test
	void backfillCreatesOnlyTheMissingNotificationsAndASecondBackfillCreatesNothing() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "OrderPlaced", null);
		template(tenant, "order", Channel.WEBHOOK, "en", 1, "Order", "Order {{ data.order }}");
		Subscription existing = webhook(tenant, type, "order");
		List<String> eventIds = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			eventIds.add(publish(tenant, "OrderPlaced", "user-" + i,
					"{\"order\":\"A-" + i + "\",\"total\":" + i * 30 + "}"));
		}
		Map<String, UUID> liveIds = eventIds.stream()
			.collect(Collectors.toMap((id) -> id, (id) -> awaitFanOut(tenant, id).getFirst().getId()));
		String otherType = publishOther(tenant);
		Subscription everyOrder = webhook(tenant, type, "order");
		Subscription bigOrders = subscription(tenant, type, "order", Channel.WEBHOOK, "http://127.0.0.1:9/big", null,
				"data.total > 100");
		ReplayScope scope = ReplayScope.of(new TenantScope(tenant.getId(), Actor.apiKey("hrld_backfill")));
		ReplayRequest request = new ReplayRequest("EVENTS", false,
				new ReplayFilter(null, null, "OrderPlaced", null, null, null, null, null), 100);

		BackfillPreview dryRun = this.replays.previewBackfill(scope, request);

		assertThat(dryRun.matched()).isEqualTo(5);
		assertThat(dryRun.wouldCreate()).isEqualTo(5 + 2);
		assertThat(dryRun.sample()).hasSize(7)
			.extracting(BackfillSample::subscriptionId)
			.containsOnly(everyOrder.getId(), bigOrders.getId());
		assertThat(notificationCount(tenant)).as("a dry run changes nothing").isEqualTo(5);

		ReplayJobView job = this.replays.create(scope, request);
		assertThat(job.kind()).isEqualTo(ReplayKind.EVENTS);
		ReplayJobView done = awaitEnd(scope, job.id());

		assertThat(done.status()).isEqualTo(ReplayStatus.SUCCEEDED);
		assertThat(done.matched()).isEqualTo(5);
		assertThat(done.processed()).isEqualTo(5);
		assertThat(done.created()).isEqualTo(dryRun.wouldCreate());
		assertThat(done.skipped()).isZero();
		assertThat(bySubscription(tenant)).containsEntry(existing.getId(), 5)
			.containsEntry(everyOrder.getId(), 5)
			.containsEntry(bigOrders.getId(), 2);
		for (String eventId : eventIds) {
			List<Notification> ofEvent = notificationsOf(tenant, eventId);
			assertThat(ofEvent).filteredOn((n) -> n.getSubscriptionId().equals(existing.getId()))
				.singleElement()
				.satisfies((n) -> assertThat(n.getId()).isEqualTo(liveIds.get(eventId)));
		}
		assertThat(notificationsOf(tenant, otherType)).isEmpty();

		EventView explained = this.eventLog.find(new TenantScope(tenant.getId(), Actor.SYSTEM), eventIds.get(0));
		Map<UUID, EventView.Explanation> explain = explained.explain()
			.stream()
			.collect(Collectors.toMap(EventView.Explanation::subscriptionId, (e) -> e));
		assertThat(explain.get(existing.getId()).backfillJobId()).isNull();
		assertThat(explain.get(everyOrder.getId()).outcome()).isEqualTo("NOTIFIED");
		assertThat(explain.get(everyOrder.getId()).backfillJobId()).isEqualTo(job.id());
		assertThat(explain.get(bigOrders.getId()).outcome()).isEqualTo("FILTERED");

		BackfillPreview again = this.replays.previewBackfill(scope, request);
		assertThat(again.matched()).isEqualTo(5);
		assertThat(again.wouldCreate()).isZero();
		ReplayJobView second = awaitEnd(scope, this.replays.create(scope, request).id());
		assertThat(second.created()).isZero();
		assertThat(second.skipped()).isEqualTo(5);
		assertThat(notificationCount(tenant)).isEqualTo(5 + 7);
		assertThat(auditActions(job.id())).containsExactly("replay.created", "replay.finished");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_log WHERE tenant_id = :tenant AND action = 'notification.created'
				    AND details LIKE :job""")
			.param("tenant", tenant.getId())
			.param("job", "%" + job.id() + "%")
			.query(Integer.class)
			.single()).isEqualTo(7);
	}

	@Test
	void backfillOfOneSubscriptionAndOfChosenEventsTouchesOnlyThose() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "UserRegistered", null);
		template(tenant, "welcome", Channel.WEBHOOK, "en", 1, "Hi", "Hi");
		String first = publish(tenant, "UserRegistered", "u-1", "{}");
		String second = publish(tenant, "UserRegistered", "u-2", "{}");
		awaitStored(tenant, first);
		awaitStored(tenant, second);
		Subscription a = webhook(tenant, type, "welcome");
		Subscription b = webhook(tenant, type, "welcome");
		ReplayScope scope = ReplayScope.of(new TenantScope(tenant.getId(), Actor.apiKey("hrld_backfill")));
		ReplayRequest onlyA = new ReplayRequest("EVENTS", false,
				new ReplayFilter(null, null, null, a.getId(), null, null, null, List.of(second)), null);

		assertThat(this.replays.previewBackfill(scope, onlyA).wouldCreate()).isEqualTo(1);
		ReplayJobView done = awaitEnd(scope, this.replays.create(scope, onlyA).id());

		assertThat(done.created()).isEqualTo(1);
		assertThat(notificationsOf(tenant, first)).isEmpty();
		assertThat(notificationsOf(tenant, second)).singleElement()
			.satisfies((n) -> assertThat(n.getSubscriptionId()).isEqualTo(a.getId()));
		assertThat(Set.copyOf(bySubscription(tenant).keySet())).doesNotContain(b.getId());
	}

	private String publishOther(Tenant tenant) {
		eventType(tenant, "OrderCancelled", null);
		String id = publish(tenant, "OrderCancelled", "user-1", "{}");
		awaitStored(tenant, id);
		return id;
	}

	private ReplayJobView awaitEnd(ReplayScope scope, UUID id) {
		return await().atMost(WAIT).until(() -> this.replays.get(scope, id), (job) -> !job.status().open());
	}

	private int notificationCount(Tenant tenant) {
		return this.jdbc.sql("SELECT count(*) FROM notification WHERE tenant_id = :tenant")
			.param("tenant", tenant.getId())
			.query(Integer.class)
			.single();
	}

	private Map<UUID, Integer> bySubscription(Tenant tenant) {
		return this.jdbc.sql(
				"SELECT subscription_id, count(*) FROM notification WHERE tenant_id = :tenant GROUP BY subscription_id")
			.param("tenant", tenant.getId())
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private List<String> auditActions(UUID jobId) {
		return this.jdbc
			.sql("SELECT action FROM audit_log WHERE entity_type = 'replay_job' AND entity_id = :id ORDER BY id")
			.param("id", jobId.toString())
			.query(String.class)
			.list();
	}

}
