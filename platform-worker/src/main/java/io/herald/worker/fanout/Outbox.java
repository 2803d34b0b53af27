package io.herald.worker.fanout;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.herald.core.event.EventRecord;
import io.herald.core.notification.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts into the event log and the outbox inside the caller's transaction with
 * {@code ON CONFLICT DO NOTHING}: a row that exists already is reported, not thrown, so a
 * duplicate or a race never aborts the transaction. A concurrent insert of the same key
 * waits for the other transaction and then sees its row.
 */
@Component
class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the event was stored now; {@code false} if the log already held it. */
	boolean storeEvent(EventRecord event) {
		return this.jdbc.sql("""
				insert into event (tenant_id, event_id, type, source, subject, time, datacontenttype, data, received_at)
				values (:tenant, :id, :type, :source, :subject, :time, :datacontenttype, :data, :receivedAt)
				on conflict (tenant_id, event_id) do nothing""")
			.param("tenant", event.getTenantId())
			.param("id", event.getEventId())
			.param("type", event.getType())
			.param("source", event.getSource())
			.param("subject", event.getSubject())
			.param("time", timestamp(event.getTime()))
			.param("datacontenttype", event.getDatacontenttype())
			.param("data", event.getData())
			.param("receivedAt", timestamp(event.getReceivedAt()))
			.update() == 1;
	}

	/**
	 * Whether the notification was inserted; {@code false} when one with the same
	 * (tenant, event, subscription, channel, recipient) exists.
	 */
	boolean insert(Notification notification) {
		return this.jdbc
			.sql("""
					insert into notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
					    address, template_id, template_version, subject, body, status, status_reason, attempts,
					    next_attempt_at, created_at, updated_at)
					values (:id, :tenant, :eventId, :eventType, :subscription, :channel, :recipient, :address, :templateId,
					    :templateVersion, :subject, :body, :status, :statusReason, 0, :nextAttemptAt, :createdAt, :updatedAt)
					on conflict (tenant_id, event_id, subscription_id, channel, recipient) do nothing""")
			.param("id", notification.getId())
			.param("tenant", notification.getTenantId())
			.param("eventId", notification.getEventId())
			.param("eventType", notification.getEventType())
			.param("subscription", notification.getSubscriptionId())
			.param("channel", notification.getChannel().name())
			.param("recipient", notification.getRecipient())
			.param("address", notification.getAddress())
			.param("templateId", notification.getTemplateId())
			.param("templateVersion", notification.getTemplateVersion())
			.param("subject", notification.getSubject())
			.param("body", notification.getBody())
			.param("status", notification.getStatus().name())
			.param("statusReason", notification.getStatusReason())
			.param("nextAttemptAt", timestamp(notification.getNextAttemptAt()))
			.param("createdAt", timestamp(notification.getCreatedAt()))
			.param("updatedAt", timestamp(notification.getUpdatedAt()))
			.update() == 1;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
