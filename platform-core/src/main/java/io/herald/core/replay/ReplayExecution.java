package io.herald.core.replay;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two data steps of running a replay job, for the worker's runner, each inside the
 * runner's transaction (which also fences the runner's lease on the job):
 * <ol>
 * <li>{@link #fixItems} takes the job's set of notifications once, by one
 * {@code INSERT … SELECT} with the status and attempt series seen then, so failures that
 * happen during the run are not swept in;</li>
 * <li>{@link #requeueChunk} requeues the next items and marks them done in the same
 * statement: a crashed worker's successor continues with the items not done, and a
 * notification whose status or series changed since (sent meanwhile, resent, requeued by
 * another job) is skipped, so no row is requeued twice.</li>
 * </ol>
 */
@Component
public class ReplayExecution {

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.
	static final String REQUEUE_CHUNK = """
			WITH items AS (
			    SELECT notification_id, tenant_id, seen_status, seen_series FROM replay_job_item
			    WHERE job_id = :jobId AND NOT done
			    ORDER BY notification_id
			    LIMIT :limit
			    FOR UPDATE),
			requeued AS (
			    UPDATE notification n
			    SET status = 'PENDING', status_reason = NULL, attempt_series = n.attempt_series + 1,
			        attempt_base = n.attempts, next_attempt_at = clock_timestamp(), claimed_until = NULL,
			        sent_at = NULL, updated_at = clock_timestamp(),
			        message_id = CASE WHEN :newMessageId THEN gen_random_uuid() ELSE n.message_id END
			    FROM items i
			    WHERE n.id = i.notification_id AND n.tenant_id = i.tenant_id AND n.status = i.seen_status
			        AND n.attempt_series = i.seen_series
			    RETURNING n.id),
			marked AS (
			    UPDATE replay_job_item r
			    SET done = true, requeued = EXISTS (SELECT 1 FROM requeued q WHERE q.id = r.notification_id)
			    FROM items i
			    WHERE r.job_id = :jobId AND r.notification_id = i.notification_id
			    RETURNING r.requeued)
			SELECT count(*) AS processed, count(*) FILTER (WHERE requeued) AS requeued FROM marked""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ReplayExecution(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Fixes the job's set of notifications (at most {@link ReplayManagement#MAX_ROWS}).
	 * @param tenantId the job's tenant, null for all tenants
	 * @param criteria the job's filter as stored
	 * @return how many notifications it covers
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int fixItems(UUID jobId, UUID tenantId, String criteria) {
		ReplaySelection selection = ReplaySelection.of(tenantId, this.json.readValue(criteria, ReplayFilter.class));
		return this.jdbc.sql("""
				INSERT INTO replay_job_item (job_id, notification_id, tenant_id, seen_status, seen_series)
				SELECT :jobId, n.id, n.tenant_id, n.status, n.attempt_series FROM notification n
				WHERE %s ORDER BY n.created_at LIMIT %d""".formatted(selection.where(), ReplayManagement.MAX_ROWS))
			.params(selection.params())
			.param("jobId", jobId)
			.update();
	}

	/**
	 * Requeues up to {@code limit} of the job's items not done yet and marks them done.
	 * @param newMessageId give each requeued notification a new receiver-facing message
	 * id
	 * @return how many items were handled and how many of them requeued (the rest
	 * skipped); no items handled means the job is complete
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Chunk requeueChunk(UUID jobId, int limit, boolean newMessageId) {
		return this.jdbc.sql(REQUEUE_CHUNK)
			.params(Map.of("jobId", jobId, "limit", limit, "newMessageId", newMessageId))
			.query((rs, row) -> new Chunk(rs.getInt("processed"), rs.getInt("requeued")))
			.single();
	}

	/**
	 * @param processed items handled
	 * @param requeued of those, requeued; the others were skipped
	 */
	public record Chunk(int processed, int requeued) {

		public int skipped() {
			return this.processed - this.requeued;
		}

	}

}
