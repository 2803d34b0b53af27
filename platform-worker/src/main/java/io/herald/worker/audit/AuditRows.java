package io.herald.worker.audit;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.Actor;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's hot-path writer of {@code audit_log}: the entries of a whole batch in one
 * multi-row insert, inside the caller's transaction (so an action and its record commit
 * or roll back together), without JPA. Same rows as core's {@code AuditLog} writes.
 */
@Component
public class AuditRows {

	private static final int ROWS_PER_STATEMENT = 1_000;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String INSERT = "insert into audit_log (tenant_id, actor_type, actor, action, entity_type,"
			+ " entity_id, details, created_at) values ";

	static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?)";

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
		var createdAt = this.clock.instant().atOffset(ZoneOffset.UTC);
		for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
			List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
			List<Object> params = new ArrayList<>(chunk.size() * 8);
			StringBuilder sql = new StringBuilder(INSERT);
			for (Entry entry : chunk) {
				sql.append((params.isEmpty()) ? "" : ", ").append(VALUES);
				params.add(new SqlParameterValue(Types.OTHER, entry.tenantId()));
				params.add(new SqlParameterValue(Types.VARCHAR, entry.actor().type().name()));
				params.add(new SqlParameterValue(Types.VARCHAR, entry.actor().name()));
				params.add(new SqlParameterValue(Types.VARCHAR, entry.action()));
				params.add(new SqlParameterValue(Types.VARCHAR, entry.entityType()));
				params.add(new SqlParameterValue(Types.VARCHAR, entry.entityId()));
				params.add(new SqlParameterValue(Types.VARCHAR, (entry.details() == null || entry.details().isEmpty())
						? null : this.json.writeValueAsString(entry.details())));
				params.add(new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, createdAt));
			}
			this.jdbc.sql(sql.toString()).params(params).update();
		}
	}

	/** One audit entry, as core's {@code AuditLog.append} takes it. */
	public record Entry(Actor actor, UUID tenantId, String action, String entityType, String entityId,
			Map<String, ?> details) {
	}

}
