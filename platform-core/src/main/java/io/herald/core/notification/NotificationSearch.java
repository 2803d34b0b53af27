package io.herald.core.notification;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only search over the outbox with cursor paging (newest first, stable under
 * concurrent inserts), and one notification with its attempts and event. Scoped to one
 * tenant; an empty tenant means all tenants, for operator callers only.
 */
@Service
public class NotificationSearch {

	public static final int MAX_LIMIT = 500;

	private static final String COLUMNS = "n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel,"
			+ " n.recipient, n.status, n.status_reason, n.attempts, n.created_at, n.updated_at";

	private final JdbcClient jdbc;

	NotificationSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws IllegalArgumentException for a cursor this service did not hand out
	 */
	@Transactional(readOnly = true)
	public NotificationPage search(Optional<UUID> tenantId, NotificationFilter filter, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, MAX_LIMIT));
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification n WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		tenantId.ifPresent((id) -> add(sql, params, " AND n.tenant_id = :tenant", "tenant", id));
		if (filter.status() != null) {
			add(sql, params, " AND n.status = :status", "status", filter.status().name());
		}
		addIfPresent(sql, params, " AND n.channel = :channel", "channel", filter.channel());
		addIfPresent(sql, params, " AND n.event_type = :eventType", "eventType", filter.eventType());
		addIfPresent(sql, params, " AND n.event_id = :eventId", "eventId", filter.eventId());
		addIfPresent(sql, params, " AND n.recipient = :recipient", "recipient", filter.recipient());
		if (filter.subscriptionId() != null) {
			add(sql, params, " AND n.subscription_id = :subscription", "subscription", filter.subscriptionId());
		}
		if (filter.from() != null) {
			add(sql, params, " AND n.created_at >= :from", "from", Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			add(sql, params, " AND n.created_at < :to", "to", Timestamp.from(filter.to()));
		}
		if (cursor != null && !cursor.isBlank()) {
			Position after = Position.decode(cursor);
			sql.append(" AND (n.created_at, n.id) < (:cursorAt, :cursorId)");
			params.put("cursorAt", Timestamp.from(after.createdAt()));
			params.put("cursorId", after.id());
		}
		sql.append(" ORDER BY n.created_at DESC, n.id DESC LIMIT ").append(size + 1);
		List<NotificationSummary> rows = new ArrayList<>(
				this.jdbc.sql(sql.toString()).params(params).query((rs, row) -> summary(rs)).list());
		String next = null;
		if (rows.size() > size) {
			rows.remove(size);
			NotificationSummary last = rows.get(size - 1);
			next = new Position(last.createdAt(), last.id()).encode();
		}
		return new NotificationPage(List.copyOf(rows), next);
	}

	@Transactional(readOnly = true)
	public Optional<NotificationDetails> find(Optional<UUID> tenantId, UUID id) {
		String sql = "SELECT " + COLUMNS + ", n.address, n.subject, n.body, n.template_version FROM notification n"
				+ " WHERE n.id = :id" + (tenantId.isPresent() ? " AND n.tenant_id = :tenant" : "");
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql).param("id", id);
		if (tenantId.isPresent()) {
			spec = spec.param("tenant", tenantId.get());
		}
		return spec.query((rs, row) -> details(rs)).optional();
	}

	private NotificationDetails details(ResultSet rs) throws SQLException {
		NotificationSummary summary = summary(rs);
		List<NotificationDetails.Attempt> attempts = this.jdbc
			.sql("SELECT attempt_number, started_at, latency_ms, outcome, http_status, error FROM delivery_attempt"
					+ " WHERE tenant_id = ? AND notification_id = ? ORDER BY attempt_number")
			.params(summary.tenantId(), summary.id())
			.query((a, row) -> new NotificationDetails.Attempt(a.getInt("attempt_number"),
					a.getTimestamp("started_at").toInstant(), a.getLong("latency_ms"), a.getString("outcome"),
					(Integer) a.getObject("http_status"), a.getString("error")))
			.list();
		NotificationDetails.StoredEvent event = this.jdbc
			.sql("SELECT event_id, type, source, subject, time, received_at, data FROM event"
					+ " WHERE tenant_id = ? AND event_id = ?")
			.params(summary.tenantId(), summary.eventId())
			.query((e, row) -> new NotificationDetails.StoredEvent(e.getString("event_id"), e.getString("type"),
					e.getString("source"), e.getString("subject"), instant(e, "time"), instant(e, "received_at"),
					e.getString("data")))
			.optional()
			.orElse(null);
		return new NotificationDetails(summary, rs.getString("address"), rs.getString("subject"), rs.getString("body"),
				(Integer) rs.getObject("template_version"), attempts, event);
	}

	private static NotificationSummary summary(ResultSet rs) throws SQLException {
		return new NotificationSummary(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("event_id"), rs.getString("event_type"), rs.getObject("subscription_id", UUID.class),
				rs.getString("channel"), rs.getString("recipient"), NotificationStatus.valueOf(rs.getString("status")),
				rs.getString("status_reason"), rs.getInt("attempts"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static void add(StringBuilder sql, Map<String, Object> params, String clause, String name, Object value) {
		sql.append(clause);
		params.put(name, value);
	}

	private static void addIfPresent(StringBuilder sql, Map<String, Object> params, String clause, String name,
			String value) {
		if (value != null && !value.isBlank()) {
			add(sql, params, clause, name, value.strip());
		}
	}

	/** Where a page ended: the last row's creation time and id, opaque to callers. */
	private record Position(Instant createdAt, UUID id) {

		String encode() {
			String text = this.createdAt.getEpochSecond() + "." + this.createdAt.getNano() + "." + this.id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			if (cursor.length() > 200) {
				throw new IllegalArgumentException("not a cursor of this list");
			}
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.",
						3);
				return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
						UUID.fromString(parts[2]));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("not a cursor of this list", ex);
			}
		}

	}

}
