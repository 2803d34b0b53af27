package io.herald.worker.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.core.event.EventRecord;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.support.ColumnArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts into the event log and the outbox inside the caller's transaction, many rows
 * per statement, with {@code ON CONFLICT DO NOTHING RETURNING}: a row that exists already
 * is left out of the answer, not thrown, so a duplicate or a race never aborts the
 * transaction. A concurrent insert of the same key waits for the other transaction and
 * then sees its row. A statement takes one text array per column (decision 0101), so that
 * a 500-row insert is parsed, bound and planned like a one-row one.
 */
@Component
class Outbox {

	/** Rows per statement: bounds each statement's arrays. */
	static final int ROWS_PER_STATEMENT = 500;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history. Each takes one text array per
	// column (ColumnArrays), cast to the column's type.
	static final String STORE_EVENTS = "insert into event (tenant_id, event_id, type, source, subject, time,"
			+ " datacontenttype, data, received_at) select CAST(r.tenant_id AS uuid), r.event_id, r.type, r.source,"
			+ " r.subject, CAST(r.time AS timestamptz), r.datacontenttype, r.data, CAST(r.received_at AS timestamptz)"
			+ " from "
			+ ColumnArrays.unnest("r", "tenant_id", "event_id", "type", "source", "subject", "time", "datacontenttype",
					"data", "received_at")
			+ " on conflict (tenant_id, event_id) do nothing returning tenant_id, event_id";

	static final int EVENT_COLUMNS = 9;

	// A row created claimed (decision 0105) has a lease: it is SENDING in its first
	// attempt, and lease_ms is null for every other row.
	static final String INSERT_NOTIFICATIONS = "insert into notification (id, tenant_id, event_id, event_type,"
			+ " subscription_id, channel, recipient, address, template_id, template_version, subject, body, status,"
			+ " status_reason, attempts, claimed_until, next_attempt_at, created_at, updated_at) select CAST(r.id AS uuid),"
			+ " CAST(r.tenant_id AS uuid), r.event_id, r.event_type, CAST(r.subscription_id AS uuid), r.channel,"
			+ " r.recipient, r.address, CAST(r.template_id AS uuid), CAST(r.template_version AS integer), r.subject,"
			+ " r.body, r.status, r.status_reason, CASE WHEN r.lease_ms IS NULL THEN 0 ELSE 1 END,"
			+ " clock_timestamp() + CAST(r.lease_ms AS bigint) * interval '1 millisecond',"
			+ " CAST(r.next_attempt_at AS timestamptz), CAST(r.created_at AS timestamptz),"
			+ " CAST(r.updated_at AS timestamptz) from "
			+ ColumnArrays.unnest("r", "id", "tenant_id", "event_id", "event_type", "subscription_id", "channel",
					"recipient", "address", "template_id", "template_version", "subject", "body", "status",
					"status_reason", "lease_ms", "next_attempt_at", "created_at", "updated_at")
			+ " on conflict (tenant_id, event_id, subscription_id, channel, recipient) do nothing returning id";

	// What the send of a row created claimed needs from its subscription; a suspended
	// tenant's subscriptions are left out (its rows are created PENDING and held).
	static final String SEND_TARGETS = "select s.id, s.endpoint, s.signing_secret from subscription s"
			+ " join tenant t on t.id = s.tenant_id"
			+ " where s.id = ANY (CAST(? AS uuid[])) and t.suspended_at is null";

	static final int NOTIFICATION_COLUMNS = 18;

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The events stored now; those the log already held are not in the answer. */
	Set<EventKey> storeEvents(List<EventRecord> events) {
		Set<EventKey> stored = new HashSet<>();
		for (List<EventRecord> chunk : chunks(events)) {
			ColumnArrays rows = new ColumnArrays(EVENT_COLUMNS, chunk.size());
			for (EventRecord event : chunk) {
				rows.row()
					.add(event.getTenantId())
					.add(event.getEventId())
					.add(event.getType())
					.add(event.getSource())
					.add(event.getSubject())
					.add(event.getTime())
					.add(event.getDatacontenttype())
					.add(event.getData())
					.add(event.getReceivedAt());
			}
			this.jdbc.sql(STORE_EVENTS)
				.params(rows.parameters())
				.query((rs, row) -> new EventKey(rs.getObject(1, UUID.class), rs.getString(2)))
				.list()
				.forEach(stored::add);
		}
		return stored;
	}

	/**
	 * The ids of the notifications inserted now; one with the same (tenant, event,
	 * subscription, channel, recipient) as an existing row is not inserted.
	 */
	Set<UUID> insert(List<Notification> notifications) {
		return insert(notifications, Set.of(), null);
	}

	/**
	 * As {@link #insert(List)}, the given PENDING rows created claimed: SENDING in their
	 * first attempt, leased for {@code lease}.
	 */
	Set<UUID> insert(List<Notification> notifications, Set<UUID> claimed, Duration lease) {
		Set<UUID> inserted = new HashSet<>();
		for (List<Notification> chunk : chunks(notifications)) {
			ColumnArrays rows = new ColumnArrays(NOTIFICATION_COLUMNS, chunk.size());
			for (Notification notification : chunk) {
				rows.row()
					.add(notification.getId())
					.add(notification.getTenantId())
					.add(notification.getEventId())
					.add(notification.getEventType())
					.add(notification.getSubscriptionId())
					.add(notification.getChannel().name())
					.add(notification.getRecipient())
					.add(notification.getAddress())
					.add(notification.getTemplateId())
					.add(notification.getTemplateVersion())
					.add(notification.getSubject())
					.add(notification.getBody())
					.add(claimed.contains(notification.getId()) ? NotificationStatus.SENDING.name()
							: notification.getStatus().name())
					.add(notification.getStatusReason())
					.add(claimed.contains(notification.getId()) ? lease.toMillis() : null)
					.add(notification.getNextAttemptAt())
					.add(notification.getCreatedAt())
					.add(notification.getUpdatedAt());
			}
			this.jdbc.sql(INSERT_NOTIFICATIONS)
				.params(rows.parameters())
				.query((rs, row) -> rs.getObject(1, UUID.class))
				.list()
				.forEach(inserted::add);
		}
		return inserted;
	}

	/**
	 * The endpoint and encrypted signing secret of each of the given subscriptions whose
	 * tenant is not suspended.
	 */
	Map<UUID, SendTarget> sendTargets(Collection<UUID> subscriptionIds) {
		if (subscriptionIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, SendTarget> targets = new HashMap<>();
		this.jdbc.sql(SEND_TARGETS)
			.param(subscriptionIds.stream().map(UUID::toString).toArray(String[]::new))
			.query((rs, row) -> new SendTarget(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list()
			.forEach((target) -> targets.put(target.subscriptionId(), target));
		return targets;
	}

	/** A subscription's endpoint and encrypted signing secret, as a send needs them. */
	record SendTarget(UUID subscriptionId, String endpoint, String encryptedSigningSecret) {

		@Override
		public String toString() {
			return "SendTarget[subscriptionId=" + this.subscriptionId + "]";
		}

	}

	static <T> List<List<T>> chunks(List<T> rows) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
		}
		return chunks;
	}

}
