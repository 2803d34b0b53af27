package io.herald.worker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.subscription.Subscription;
import io.herald.core.tenant.Tenant;
import io.herald.worker.HeraldWorkerApplication;
import io.herald.worker.IngestIntegrationTestSupport;
import io.herald.worker.channel.FakeWebhookEndpoint;
import io.herald.worker.fanout.AcceptedEvent;
import io.herald.worker.fanout.FanOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, decision 0094: the fan-out inserts the notifications this worker has free
 * senders for already leased to it ({@code SENDING}, attempt 1) and they are sent after
 * the commit without any claim; the rest are inserted {@code PENDING} and handed over as
 * before. The whole worker with its dispatcher, over real PostgreSQL, Redis and Kafka (a
 * topic of its own, which nothing publishes to: the fan-out is called directly), and a
 * real HTTP receiver. Polling is an hour and a tenant may have 3 sends in flight.
 */
@SpringBootTest(classes = HeraldWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=herald-core,herald-worker", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=1h", "herald.delivery.concurrency=8",
				"herald.delivery.max-in-flight-per-tenant=3", "herald.worker.subscription-cache.refresh=500ms",
				"spring.cloud.stream.kafka.bindings.heraldEvents-in-0.consumer.configuration.client.id=herald-leased-tests" })
class LeasedAtInsertIntegrationTests extends IngestIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String OWN_TOPIC = "herald.events.leased-tests";

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	FanOut fanOut;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@DynamicPropertySource
	static void ownTopics(DynamicPropertyRegistry registry) {
		createTopics(OWN_TOPIC, OWN_TOPIC + ".dlq");
		registry.add("herald.topics.events", () -> OWN_TOPIC);
		registry.add("herald.topics.dead-letter", () -> OWN_TOPIC + ".dlq");
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void notificationsWithFreeSendersAreInsertedLeasedAndSentOnceWithoutAClaim() {
		Hook hook = hook("/leased");
		long leasedBefore = this.dispatcher.leasedAtInsertCount();
		long handedOverBefore = this.dispatcher.claimedByHandoffCount();

		List<UUID> ids = fanOut(hook, 3);

		ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
		assertThat(this.dispatcher.leasedAtInsertCount() - leasedBefore).isEqualTo(3);
		assertThat(this.dispatcher.claimedByHandoffCount()).as("no claim by id").isEqualTo(handedOverBefore);
		assertThat(endpoint.received("/leased")).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
		for (UUID id : ids) {
			assertThat(this.jdbc.sql("SELECT attempts FROM notification WHERE id = :id")
				.param("id", id)
				.query(Integer.class)
				.single()).isOne();
			assertThat(this.jdbc.sql("SELECT count(*) FROM delivery_attempt WHERE notification_id = :id")
				.param("id", id)
				.query(Integer.class)
				.single()).isOne();
			assertThat(auditActions(id)).as("the same trail as a claimed row")
				.containsExactly("notification.created", "notification.sent");
		}
		awaitAllSendersFree();
	}

	@Test
	void aTenantGetsNoMoreSlotsThanItsCapAndTheRestIsHandedOverAndSentOnce() {
		Hook hook = hook("/capped");
		long leasedBefore = this.dispatcher.leasedAtInsertCount();

		List<UUID> ids = fanOut(hook, 7);

		ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
		assertThat(this.dispatcher.leasedAtInsertCount() - leasedBefore).as("the tenant's cap").isEqualTo(3);
		assertThat(endpoint.received("/capped")).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
		awaitAllSendersFree();
	}

	@Test
	void aRolledBackFanOutGivesItsSlotsBackAndSendsNothing() {
		Hook hook = hook("/rolled-back");
		awaitAllSendersFree();
		List<AcceptedEvent> batch = events(hook, 3);

		this.transactions.executeWithoutResult((status) -> {
			this.fanOut.fanOut(batch);
			assertThat(this.dispatcher.freeSenders()).as("slots taken inside the transaction").isEqualTo(8 - 3);
			status.setRollbackOnly();
		});

		assertThat(this.dispatcher.freeSenders()).isEqualTo(8);
		assertThat(notificationCount(hook.tenant())).isZero();
		assertThat(endpoint.received("/rolled-back")).isEmpty();
	}

	@Test
	void aSuspendedTenantsNotificationsAreInsertedPendingAndHeld() {
		Hook hook = hook("/suspended");
		this.tenants.suspend(hook.tenant().getSlug(), Actor.SYSTEM);
		long leasedBefore = this.dispatcher.leasedAtInsertCount();

		List<UUID> ids = fanOut(hook, 2);

		assertThat(this.dispatcher.leasedAtInsertCount()).isEqualTo(leasedBefore);
		for (UUID id : ids) {
			assertThat(status(id)).isEqualTo(NotificationStatus.PENDING);
		}
		assertThat(endpoint.received("/suspended")).isEmpty();
		awaitAllSendersFree();
	}

	private Hook hook(String path) {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "OrderPlaced", null);
		template(tenant, "order", Channel.WEBHOOK, "en", 1, "Order", "Order {{ data.order }}");
		this.subscriptions.save(new Subscription(
				tenant.getId(), type.getId(), "order", Channel.WEBHOOK, endpoint.url(path), this.cipher
					.encrypt(DeliveryFixtures.SIGNING_SECRET, SecretContext.webhookSigningSecret(tenant.getId())),
				null, null, true, this.clock.instant()));
		return new Hook(tenant, type);
	}

	private List<AcceptedEvent> events(Hook hook, int count) {
		List<AcceptedEvent> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(new AcceptedEvent(hook.tenant(), hook.type(),
					event(hook.tenant(), "OrderPlaced", "user-" + i, "{\"order\":\"A-" + i + "\"}")));
		}
		return batch;
	}

	/** Fans out {@code count} events in one batch; the ids of their notifications. */
	private List<UUID> fanOut(Hook hook, int count) {
		List<AcceptedEvent> batch = events(hook, count);
		assertThat(this.fanOut.fanOut(batch)).hasSize(count);
		List<UUID> ids = new ArrayList<>();
		for (AcceptedEvent accepted : batch) {
			List<Notification> created = notificationsOf(hook.tenant(), accepted.eventId());
			assertThat(created).hasSize(1);
			ids.add(created.getFirst().getId());
		}
		return ids;
	}

	private void awaitStatus(UUID id, NotificationStatus status) {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(status(id))
				.as(() -> this.jdbc.sql("SELECT coalesce(status_reason, '') FROM notification WHERE id = :id")
					.param("id", id)
					.query(String.class)
					.single())
				.isEqualTo(status));
	}

	private NotificationStatus status(UUID id) {
		return NotificationStatus.valueOf(this.jdbc.sql("SELECT status FROM notification WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single());
	}

	private void awaitAllSendersFree() {
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.dispatcher.freeSenders()).isEqualTo(8));
	}

	private int notificationCount(Tenant tenant) {
		return this.jdbc.sql("SELECT count(*) FROM notification WHERE tenant_id = :tenant")
			.param("tenant", tenant.getId())
			.query(Integer.class)
			.single();
	}

	private List<String> auditActions(UUID notificationId) {
		return this.jdbc
			.sql("SELECT action FROM audit_log WHERE entity_type = 'notification' AND entity_id = :id"
					+ " ORDER BY created_at, id")
			.param("id", notificationId.toString())
			.query(String.class)
			.list();
	}

	private record Hook(Tenant tenant, EventType type) {
	}

}
