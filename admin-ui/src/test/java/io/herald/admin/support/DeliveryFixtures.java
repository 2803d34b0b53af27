package io.herald.admin.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes what the worker would have written (an event type, a subscription, stored
 * events, notifications and their attempts) straight into the real database, so console
 * tests can read it without running Kafka and the worker.
 */
public final class DeliveryFixtures {

	private final JdbcClient jdbc;

	private final UUID tenantId;

	private final UUID eventTypeId = UUID.randomUUID();

	private final String eventType;

	private final UUID subscriptionId = UUID.randomUUID();

	public DeliveryFixtures(JdbcClient jdbc, UUID tenantId, String eventType) {
		this.jdbc = jdbc;
		this.tenantId = tenantId;
		this.eventType = eventType;
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("INSERT INTO event_type (id, tenant_id, name, description, created_at, updated_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?)")
			.params(this.eventTypeId, tenantId, eventType, "fixture", now, now)
			.update();
		jdbc.sql("INSERT INTO subscription (id, tenant_id, event_type_id, template_name, channel, endpoint,"
				+ " created_at, updated_at) VALUES (?, ?, ?, ?, 'WEBHOOK', 'https://example.com/hook', ?, ?)")
			.params(this.subscriptionId, tenantId, this.eventTypeId, eventType.toLowerCase() + "-hook", now, now)
			.update();
	}

	public UUID subscriptionId() {
		return this.subscriptionId;
	}

	/**
	 * Stores an event with one notification of the given status; returns the notification
	 * id.
	 */
	public UUID notification(String eventId, String status, String recipient, Instant at) {
		Timestamp time = Timestamp.from(at);
		this.jdbc.sql(
				"INSERT INTO event (tenant_id, event_id, type, source, subject, time, datacontenttype, data, received_at)"
						+ " VALUES (?, ?, ?, 'https://shop.example', ?, ?, 'application/json', ?, ?)")
			.params(this.tenantId, eventId, this.eventType, recipient, time, "{\"orderId\":\"" + eventId + "\"}", time)
			.update();
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,"
					+ " address, subject, body, status, status_reason, attempts, created_at, updated_at)"
					+ " VALUES (?, ?, ?, ?, ?, 'WEBHOOK', ?, 'https://example.com/hook', ?, ?, ?, ?, 0, ?, ?)")
			.params(id, this.tenantId, eventId, this.eventType, this.subscriptionId, recipient, "Order " + eventId,
					"{\"text\":\"<b>Order</b> " + eventId + "\"}", status,
					"DEAD".equals(status) ? "HTTP 500 after 3 attempts" : null, time, time)
			.update();
		return id;
	}

	/** Records one delivery attempt of the notification. */
	public void attempt(UUID notificationId, int number, String outcome, Integer httpStatus, String error, Instant at) {
		this.jdbc
			.sql("INSERT INTO delivery_attempt (id, tenant_id, notification_id, attempt_number, started_at,"
					+ " latency_ms, outcome, http_status, error) VALUES (?, ?, ?, ?, ?, 42, ?, ?, ?)")
			.params(UUID.randomUUID(), this.tenantId, notificationId, number, Timestamp.from(at), outcome, httpStatus,
					error)
			.update();
	}

}
