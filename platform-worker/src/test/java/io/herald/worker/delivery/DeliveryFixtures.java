package io.herald.worker.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.delivery.DeliveryAttemptRepository;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.worker.fanout.NotificationsQueued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows for delivery tests, written through core's repositories the way fan-out writes
 * them: tenant, event type, webhook subscription, stored event, rendered notifications,
 * then {@link NotificationsQueued} in the same transaction.
 */
@Component
class DeliveryFixtures {

	static final String SIGNING_SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("herald-test-signing-secret-32by".getBytes());

	static final String DATA = "{\"user\":{\"name\":\"Ada\",\"plan\":\"pro\"}}";

	private final TenantManagement tenants;

	private final EventTypeRepository eventTypes;

	private final SubscriptionRepository subscriptions;

	private final EventRecordRepository events;

	private final NotificationRepository notifications;

	private final DeliveryAttemptRepository attempts;

	private final SecretCipher cipher;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher publisher;

	private final JdbcClient jdbc;

	private final Clock clock;

	DeliveryFixtures(TenantManagement tenants, EventTypeRepository eventTypes, SubscriptionRepository subscriptions,
			EventRecordRepository events, NotificationRepository notifications, DeliveryAttemptRepository attempts,
			SecretCipher cipher, TransactionTemplate transaction, ApplicationEventPublisher publisher, JdbcClient jdbc,
			Clock clock) {
		this.tenants = tenants;
		this.eventTypes = eventTypes;
		this.subscriptions = subscriptions;
		this.events = events;
		this.notifications = notifications;
		this.attempts = attempts;
		this.cipher = cipher;
		this.transaction = transaction;
		this.publisher = publisher;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new tenant with an event type and a subscription of {@code channel}. */
	Setup setup(Channel channel, String endpoint) {
		Instant now = this.clock.instant();
		Tenant tenant = this.tenants.create("t-" + UUID.randomUUID().toString().substring(0, 8), "Test", Actor.SYSTEM)
			.tenant();
		EventType type = this.eventTypes.save(new EventType(tenant.getId(), "UserRegistered", null, null, null, now));
		String secret = (channel == Channel.WEBHOOK)
				? this.cipher.encrypt(SIGNING_SECRET, SecretContext.webhookSigningSecret(tenant.getId())) : null;
		Subscription subscription = this.subscriptions.save(new Subscription(tenant.getId(), type.getId(), "welcome",
				channel, endpoint, secret, null, null, true, now));
		return new Setup(tenant.getId(), subscription.getId(), channel, endpoint);
	}

	/** Queues {@code count} notifications (one event each) and announces them. */
	List<UUID> queue(Setup setup, int count) {
		return queue(setup, count, (notification) -> {
		}, true);
	}

	List<UUID> queue(Setup setup, int count, Consumer<UUID> inTransaction, boolean announce) {
		return this.transaction.execute((status) -> {
			Instant now = this.clock.instant();
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String eventId = "evt-" + UUID.randomUUID();
				this.events.save(new EventRecord(setup.tenantId(), new CloudEventEnvelope(eventId, "/test",
						"UserRegistered", "user-1", now, "application/json", null, setup.tenantId()), DATA, now));
				Notification notification = new Notification(setup.tenantId(), eventId, "UserRegistered",
						setup.subscriptionId(), setup.channel(), "user-1", setup.endpoint(), now);
				notification.rendered(null, 1, "Welcome Ada", "Hello Ada, you are on pro");
				this.notifications.save(notification);
				ids.add(notification.getId());
			}
			this.notifications.flush();
			ids.forEach(inTransaction);
			if (announce) {
				this.publisher.publishEvent(new NotificationsQueued(
						ids.stream().map((id) -> new NotificationsQueued.Queued(id, setup.tenantId())).toList()));
			}
			return ids;
		});
	}

	Row row(UUID id) {
		return this.jdbc.sql("SELECT status, status_reason, attempts FROM notification WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new Row(NotificationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
					rs.getInt("attempts")))
			.single();
	}

	List<DeliveryAttempt> attempts(Setup setup, UUID notificationId) {
		return this.attempts.findAllByTenantIdAndNotificationIdOrderByAttemptNumberAsc(setup.tenantId(),
				notificationId);
	}

	List<String> auditActions(UUID notificationId) {
		return this.jdbc
			.sql("SELECT action FROM audit_log WHERE entity_type = 'notification' AND entity_id = :id"
					+ " ORDER BY created_at, id")
			.param("id", notificationId.toString())
			.query(String.class)
			.list();
	}

	String auditDetails(UUID notificationId, String action) {
		return this.jdbc
			.sql("SELECT details FROM audit_log WHERE entity_type = 'notification' AND entity_id = :id"
					+ " AND action = :action ORDER BY id LIMIT 1")
			.param("id", notificationId.toString())
			.param("action", action)
			.query(String.class)
			.single();
	}

	record Setup(UUID tenantId, UUID subscriptionId, Channel channel, String endpoint) {
	}

	record Row(NotificationStatus status, String reason, int attempts) {
	}

}
