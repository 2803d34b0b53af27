package io.herald.core.audit;

import java.nio.charset.StandardCharsets;
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
 * Reads the audit log, newest first, for one tenant or (operators only: callers decide)
 * all of them, a page at a time. Pages are keyed by the last entry's time and id, so
 * entries appended while a client pages through are never shown twice or skipped.
 * Read-only; the log itself is append-only.
 */
@Service
public class AuditSearch {

	public static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	AuditSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param tenantId the tenant whose entries to read; empty: every tenant's and
	 * Herald's own (operators only)
	 * @param cursor the {@link AuditPage#nextCursor()} of the previous page, or null for
	 * the newest entries
	 * @throws IllegalArgumentException for a cursor this service did not hand out
	 */
	@Transactional(readOnly = true)
	public AuditPage search(Optional<UUID> tenantId, AuditQuery query, String cursor, int limit) {
		int size = Math.max(1, Math.min(limit, MAX_LIMIT));
		StringBuilder sql = new StringBuilder(
				"SELECT id, tenant_id, actor_type, actor, action, entity_type, entity_id, details, created_at"
						+ " FROM audit_log WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		tenantId.ifPresent((id) -> add(sql, params, " AND tenant_id = :tenant", "tenant", id));
		addIfPresent(sql, params, " AND action = :action", "action", query.action());
		addIfPresent(sql, params, " AND entity_type = :entityType", "entityType", query.entityType());
		addIfPresent(sql, params, " AND entity_id = :entityId", "entityId", query.entityId());
		if (query.from() != null) {
			add(sql, params, " AND created_at >= :from", "from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			add(sql, params, " AND created_at < :to", "to", Timestamp.from(query.to()));
		}
		if (cursor != null && !cursor.isBlank()) {
			Position after = Position.decode(cursor);
			sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
			params.put("cursorAt", Timestamp.from(after.at()));
			params.put("cursorId", after.id());
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(size + 1);
		List<AuditRecord> rows = new ArrayList<>(this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new AuditRecord(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
					rs.getString("actor_type"), rs.getString("actor"), rs.getString("action"),
					rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("details"),
					rs.getTimestamp("created_at").toInstant()))
			.list());
		String next = null;
		if (rows.size() > size) {
			rows.remove(size);
			AuditRecord last = rows.get(size - 1);
			next = new Position(last.at(), last.id()).encode();
		}
		return new AuditPage(List.copyOf(rows), next);
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

	/**
	 * What to look for; every part is optional (null).
	 *
	 * @param action exact action (e.g. {@code user.created})
	 * @param entityType exact entity type (e.g. {@code event_type})
	 * @param entityId exact entity id
	 * @param from at or after
	 * @param to before
	 */
	public record AuditQuery(String action, String entityType, String entityId, Instant from, Instant to) {

		public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

	}

	/**
	 * A page of entries, newest first; {@code nextCursor} fetches the next (older) one,
	 * null on the last page.
	 */
	public record AuditPage(List<AuditRecord> items, String nextCursor) {

	}

	/**
	 * One audit entry as read.
	 *
	 * @param details the entry's details as a JSON object text, or null
	 */
	public record AuditRecord(long id, UUID tenantId, String actorType, String actor, String action, String entityType,
			String entityId, String details, Instant at) {

	}

	/** Where a page ended: the last entry's time and id, opaque to callers. */
	private record Position(Instant at, long id) {

		String encode() {
			String text = "a." + this.at.getEpochSecond() + "." + this.at.getNano() + "." + this.id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			if (cursor.length() > 100) {
				throw new IllegalArgumentException("not a cursor of this list");
			}
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.",
						-1);
				if (parts.length != 4 || !parts[0].equals("a")) {
					throw new IllegalArgumentException("not a cursor of this list");
				}
				return new Position(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
						Long.parseLong(parts[3]));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("not a cursor of this list", ex);
			}
		}

	}

}
