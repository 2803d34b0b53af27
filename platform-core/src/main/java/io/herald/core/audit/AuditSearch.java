package io.herald.core.audit;

import java.sql.Timestamp;
import java.time.Instant;
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
 * all of them. Read-only; the log itself is append-only.
 */
@Service
public class AuditSearch {

	public static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	AuditSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param action exact action (e.g. {@code user.created}), or null
	 * @param entityType exact entity type (e.g. {@code event_type}), or null
	 */
	@Transactional(readOnly = true)
	public List<AuditRecord> search(Optional<UUID> tenantId, String action, String entityType, Instant from, Instant to,
			int limit) {
		StringBuilder sql = new StringBuilder(
				"SELECT id, tenant_id, actor_type, actor, action, entity_type, entity_id, details, created_at"
						+ " FROM audit_log WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		tenantId.ifPresent((id) -> add(sql, params, " AND tenant_id = :tenant", "tenant", id));
		if (action != null && !action.isBlank()) {
			add(sql, params, " AND action = :action", "action", action.strip());
		}
		if (entityType != null && !entityType.isBlank()) {
			add(sql, params, " AND entity_type = :entityType", "entityType", entityType.strip());
		}
		if (from != null) {
			add(sql, params, " AND created_at >= :from", "from", Timestamp.from(from));
		}
		if (to != null) {
			add(sql, params, " AND created_at < :to", "to", Timestamp.from(to));
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(Math.max(1, Math.min(limit, MAX_LIMIT)));
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new AuditRecord(rs.getLong("id"), rs.getObject("tenant_id", UUID.class),
					rs.getString("actor_type"), rs.getString("actor"), rs.getString("action"),
					rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("details"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private static void add(StringBuilder sql, Map<String, Object> params, String clause, String name, Object value) {
		sql.append(clause);
		params.put(name, value);
	}

	/**
	 * One audit entry as read.
	 */
	public record AuditRecord(long id, UUID tenantId, String actorType, String actor, String action, String entityType,
			String entityId, String details, Instant at) {

	}

}
