package io.herald.worker.fanout;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.core.event.EventRecord;
import io.herald.core.notification.Notification;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts into the event log and the outbox inside the caller's transaction, many rows
 * per statement, with {@code ON CONFLICT DO NOTHING RETURNING}: a row that exists already
 * is left out of the answer, not thrown, so a duplicate or a race never aborts the
 * transaction. A concurrent insert of the same key waits for the other transaction and
 * then sees its row. Parameters carry their SQL types, so that no statement needs a
 * describe round trip for its nulls.
 */
@Component
class Outbox {

	/** Rows per statement: keeps every statement well below PostgreSQL's 65,535 binds. */
	static final int ROWS_PER_STATEMENT = 500;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String EVENT_COLUMNS = "insert into event (tenant_id, event_id, type, source, subject, time,"
			+ " datacontenttype, data, received_at) values ";

	static final String EVENT_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

	static final String NOTIFICATION_COLUMNS = "insert into notification (id, tenant_id, event_id, event_type,"
			+ " subscription_id, channel, recipient, address, template_id, template_version, subject, body, status,"
			+ " status_reason, attempts, next_attempt_at, created_at, updated_at) values ";

	static final String NOTIFICATION_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";

	static final String EVENT_CONFLICT = " on conflict (tenant_id, event_id) do nothing returning tenant_id, event_id";

	static final String NOTIFICATION_CONFLICT = " on conflict (tenant_id, event_id, subscription_id, channel, recipient)"
			+ " do nothing returning id";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The events stored now; those the log already held are not in the answer. */
	Set<EventKey> storeEvents(List<EventRecord> events) {
		Set<EventKey> stored = new HashSet<>();
		for (List<EventRecord> chunk : chunks(events)) {
			List<Object> params = new ArrayList<>(chunk.size() * 9);
			for (EventRecord event : chunk) {
				params.add(uuid(event.getTenantId()));
				params.add(text(event.getEventId()));
				params.add(text(event.getType()));
				params.add(text(event.getSource()));
				params.add(text(event.getSubject()));
				params.add(timestamp(event.getTime()));
				params.add(text(event.getDatacontenttype()));
				params.add(text(event.getData()));
				params.add(timestamp(event.getReceivedAt()));
			}
			this.jdbc.sql(EVENT_COLUMNS + values(EVENT_VALUES, chunk.size()) + EVENT_CONFLICT)
				.params(params)
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
		Set<UUID> inserted = new HashSet<>();
		for (List<Notification> chunk : chunks(notifications)) {
			List<Object> params = new ArrayList<>(chunk.size() * 17);
			for (Notification notification : chunk) {
				params.add(uuid(notification.getId()));
				params.add(uuid(notification.getTenantId()));
				params.add(text(notification.getEventId()));
				params.add(text(notification.getEventType()));
				params.add(uuid(notification.getSubscriptionId()));
				params.add(text(notification.getChannel().name()));
				params.add(text(notification.getRecipient()));
				params.add(text(notification.getAddress()));
				params.add(uuid(notification.getTemplateId()));
				params.add(new SqlParameterValue(Types.INTEGER, notification.getTemplateVersion()));
				params.add(text(notification.getSubject()));
				params.add(text(notification.getBody()));
				params.add(text(notification.getStatus().name()));
				params.add(text(notification.getStatusReason()));
				params.add(timestamp(notification.getNextAttemptAt()));
				params.add(timestamp(notification.getCreatedAt()));
				params.add(timestamp(notification.getUpdatedAt()));
			}
			this.jdbc.sql(NOTIFICATION_COLUMNS + values(NOTIFICATION_VALUES, chunk.size()) + NOTIFICATION_CONFLICT)
				.params(params)
				.query((rs, row) -> rs.getObject(1, UUID.class))
				.list()
				.forEach(inserted::add);
		}
		return inserted;
	}

	static <T> List<List<T>> chunks(List<T> rows) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
		}
		return chunks;
	}

	static String values(String tuple, int rows) {
		StringBuilder sql = new StringBuilder(rows * (tuple.length() + 2));
		for (int row = 0; row < rows; row++) {
			sql.append((row > 0) ? ", " : "").append(tuple);
		}
		return sql.toString();
	}

	private static SqlParameterValue uuid(UUID value) {
		return new SqlParameterValue(Types.OTHER, value);
	}

	private static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue timestamp(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				(instant != null) ? instant.atOffset(ZoneOffset.UTC) : null);
	}

}
