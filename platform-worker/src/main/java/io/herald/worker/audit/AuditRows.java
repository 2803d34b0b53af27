package io.herald.worker.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.support.ColumnArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's hot-path writer of {@code audit_log}: the entries of a whole batch in one
 * insert (one text array per column), inside the caller's transaction (so an action and
 * its record commit or roll back together), without JPA. Same rows as core's
 * {@code AuditLog} writes.
 */
@Component
public class AuditRows {

	private static final int ROWS_PER_STATEMENT = 1_000;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String INSERT = "insert into audit_log (tenant_id, actor_type, actor, action, entity_type,"
			+ " entity_id, details, created_at) select CAST(r.tenant_id AS uuid), r.actor_type, r.actor, r.action,"
			+ " r.entity_type, r.entity_id, r.details, CAST(r.created_at AS timestamptz) from "
			+ ColumnArrays.unnest("r", "tenant_id", "actor_type", "actor", "action", "entity_type", "entity_id",
					"details", "created_at");

	static final int COLUMNS = 8;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditRows(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void append(List<Entry> entries) {
		Instant createdAt = this.clock.instant();
		for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
			List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
			ColumnArrays rows = new ColumnArrays(COLUMNS, chunk.size());
			for (Entry entry : chunk) {
				rows.row()
					.add(entry.tenantId())
					.add(entry.actor().type().name())
					.add(entry.actor().name())
					.add(entry.action())
					.add(entry.entityType())
					.add(entry.entityId())
					.add((entry.details() == null || entry.details().isEmpty()) ? null
							: this.json.writeValueAsString(entry.details()))
					.add(createdAt);
			}
			this.jdbc.sql(INSERT).params(rows.parameters()).update();
		}
	}

	/** One audit entry, as core's {@code AuditLog.append} takes it. */
	public record Entry(Actor actor, UUID tenantId, String action, String entityType, String entityId,
			Map<String, ?> details) {
	}

}
