package io.herald.core.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.error.InvalidInputException;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.support.TimeKey;
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

	public static final int MAX_LIMIT = PageQuery.MAX_LIMIT;

	private static final String LIST = "notifications";

	private static final String COLUMNS = "n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel,"
			+ " n.recipient, n.status, n.status_reason, n.attempts, n.template_version, n.created_at, n.updated_at,"
			+ " n.sent_at";

	private final JdbcClient jdbc;

	NotificationSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The console's paging: a page of at most {@code limit} (capped at
	 * {@link #MAX_LIMIT}).
	 * @throws IllegalArgumentException for a cursor this service did not hand out
	 */
	@Transactional(readOnly = true)
	public NotificationPage search(Optional<UUID> tenantId, NotificationFilter filter, String cursor, int limit) {
		try {
			Page<NotificationSummary> page = search(tenantId, filter,
					new PageQuery(Math.max(1, Math.min(limit, MAX_LIMIT)), cursor));
			return new NotificationPage(page.items(), page.nextCursor());
		}
		catch (InvalidInputException ex) {
			throw new IllegalArgumentException("not a cursor of this list", ex);
		}
	}

	/**
	 * A page of notifications, newest first.
	 * @throws InvalidInputException for a cursor this service did not hand out
	 */
	@Transactional(readOnly = true)
	public Page<NotificationSummary> search(Optional<UUID> tenantId, NotificationFilter filter, PageQuery query) {
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
		if (query.cursor() != null) {
			TimeKey before = query.newestFirst(LIST);
			sql.append(" AND (n.created_at, n.id) < (:cursorAt, :cursorId)");
			params.put("cursorAt", Timestamp.from(before.at()));
			params.put("cursorId", before.id());
		}
		sql.append(" ORDER BY n.created_at DESC, n.id DESC LIMIT ").append(query.fetchSize());
		List<NotificationSummary> rows = this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> summary(rs))
			.list();
		return Page.of(rows, query, (last) -> new TimeKey(last.createdAt(), last.id()).cursor(LIST));
	}

	@Transactional(readOnly = true)
	public Optional<NotificationDetails> find(Optional<UUID> tenantId, UUID id) {
		String sql = "SELECT " + COLUMNS + ", n.address, n.subject, n.body FROM notification n" + " WHERE n.id = :id"
				+ (tenantId.isPresent() ? " AND n.tenant_id = :tenant" : "");
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
				rs.getString("status_reason"), rs.getInt("attempts"), (Integer) rs.getObject("template_version"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "sent_at"));
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

}
