package io.herald.core.fanout;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes fan-out's decisions into {@code event_fanout} inside the caller's transaction
 * (the one that inserts the notifications), many rows per statement, as the outbox does.
 */
@Component
public class FanOutDecisionLog {

	/** Rows per statement: 8 binds each, well below PostgreSQL's 65,535. */
	private static final int ROWS_PER_STATEMENT = 500;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String COLUMNS = "insert into event_fanout (tenant_id, event_id, subscription_id, channel,"
			+ " outcome, reason, decided_at, replay_job_id) values ";

	static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?)";

	static final String KEEP = " on conflict (tenant_id, event_id, subscription_id) do nothing";

	static final String REPLACE = " on conflict (tenant_id, event_id, subscription_id) do update set"
			+ " channel = excluded.channel, outcome = excluded.outcome, reason = excluded.reason,"
			+ " decided_at = excluded.decided_at, replay_job_id = excluded.replay_job_id";

	private final JdbcClient jdbc;

	FanOutDecisionLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records decisions; an (event, subscription) that has one already keeps it unless
	 * {@code replace}.
	 * @param replace overwrite an earlier decision (a backfill that created
	 * notifications)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(List<Row> rows, boolean replace) {
		for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
			List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
			List<Object> params = new ArrayList<>(chunk.size() * 8);
			StringBuilder sql = new StringBuilder(COLUMNS);
			for (Row row : chunk) {
				sql.append((params.isEmpty()) ? "" : ", ").append(VALUES);
				params.add(new SqlParameterValue(Types.OTHER, row.tenantId()));
				params.add(new SqlParameterValue(Types.VARCHAR, row.eventId()));
				params.add(new SqlParameterValue(Types.OTHER, row.decision().subscription().id()));
				params.add(new SqlParameterValue(Types.VARCHAR, row.decision().subscription().channel().name()));
				params.add(new SqlParameterValue(Types.VARCHAR, row.decision().outcome().name()));
				params.add(new SqlParameterValue(Types.VARCHAR, row.decision().reason()));
				params.add(
						new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, row.decidedAt().atOffset(ZoneOffset.UTC)));
				params.add(new SqlParameterValue(Types.OTHER, row.replayJobId()));
			}
			this.jdbc.sql(sql.append(replace ? REPLACE : KEEP).toString()).params(params).update();
		}
	}

	/**
	 * One decision to record.
	 *
	 * @param replayJobId the backfill job that decided, null for the live fan-out
	 */
	public record Row(UUID tenantId, String eventId, FanOutDecision decision, Instant decidedAt, UUID replayJobId) {
	}

}
