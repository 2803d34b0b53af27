package io.herald.core.fanout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.core.support.ColumnArrays;
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

	/** Rows per statement: bounds each statement's arrays. */
	private static final int ROWS_PER_STATEMENT = 500;

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String INSERT = "insert into event_fanout (tenant_id, event_id, subscription_id, channel,"
			+ " outcome, reason, decided_at, replay_job_id) select CAST(r.tenant_id AS uuid), r.event_id,"
			+ " CAST(r.subscription_id AS uuid), r.channel, r.outcome, r.reason, CAST(r.decided_at AS timestamptz),"
			+ " CAST(r.replay_job_id AS uuid) from " + ColumnArrays.unnest("r", "tenant_id", "event_id",
					"subscription_id", "channel", "outcome", "reason", "decided_at", "replay_job_id");

	private static final int COLUMNS = 8;

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
			ColumnArrays columns = new ColumnArrays(COLUMNS, chunk.size());
			for (Row row : chunk) {
				columns.row()
					.add(row.tenantId())
					.add(row.eventId())
					.add(row.decision().subscription().id())
					.add(row.decision().subscription().channel().name())
					.add(row.decision().outcome().name())
					.add(row.decision().reason())
					.add(row.decidedAt())
					.add(row.replayJobId());
			}
			this.jdbc.sql(INSERT + (replace ? REPLACE : KEEP)).params(columns.parameters()).update();
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
