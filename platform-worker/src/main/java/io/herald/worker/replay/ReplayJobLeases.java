package io.herald.worker.replay;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.herald.core.replay.ReplayKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leases on replay jobs: one runner at a time runs a job; a runner that died leaves a
 * lease that runs out, and the next runner resumes the job. Every write is fenced by the
 * lease token and the status {@code RUNNING}, so a cancelled job or a lost lease stops
 * the runner at its next chunk.
 */
class ReplayJobLeases {

	private static final String CLAIM = """
			WITH next AS (
			    SELECT id FROM replay_job
			    WHERE kind IN (:kinds) AND (status = 'PENDING'
			        OR (status = 'RUNNING' AND (claimed_until IS NULL OR claimed_until < clock_timestamp())))
			    ORDER BY created_at
			    LIMIT 1
			    FOR UPDATE SKIP LOCKED)
			UPDATE replay_job j
			SET status = 'RUNNING', started_at = COALESCE(j.started_at, clock_timestamp()), lease_token = :token,
			    claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond'
			FROM next WHERE j.id = next.id
			RETURNING j.id, j.kind, j.tenant_id, j.criteria, j.rate_per_second, j.items_fixed, j.matched, j.processed,
			    j.requeued, j.skipped, j.new_message_id, j.requested_by""";

	private static final String FENCE = "WHERE id = :id AND status = 'RUNNING' AND lease_token = :token";

	private final JdbcClient jdbc;

	ReplayJobLeases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The oldest job waiting or left behind by a dead runner, now leased to the caller.
	 */
	List<LeasedJob> claim(Duration lease, List<ReplayKind> kinds) {
		UUID token = UUID.randomUUID();
		return this.jdbc.sql(CLAIM)
			.param("kinds", kinds.stream().map(ReplayKind::name).toList())
			.param("token", token)
			.param("leaseMs", lease.toMillis())
			.query((rs, row) -> new LeasedJob(rs.getObject("id", UUID.class), ReplayKind.valueOf(rs.getString("kind")),
					token, rs.getObject("tenant_id", UUID.class), rs.getString("criteria"),
					(Integer) rs.getObject("rate_per_second"), rs.getBoolean("items_fixed"),
					rs.getBoolean("new_message_id"), rs.getString("requested_by")))
			.list();
	}

	/** Extends the lease; false when the job was cancelled or the lease was lost. */
	boolean renew(LeasedJob job, Duration lease) {
		return this.jdbc
			.sql("UPDATE replay_job SET claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond' "
					+ FENCE)
			.param("leaseMs", lease.toMillis())
			.param("id", job.id())
			.param("token", job.token())
			.update() == 1;
	}

	boolean fixed(LeasedJob job, int matched) {
		return this.jdbc.sql("UPDATE replay_job SET items_fixed = true, matched = :matched " + FENCE)
			.param("matched", matched)
			.param("id", job.id())
			.param("token", job.token())
			.update() == 1;
	}

	void count(LeasedJob job, Progress progress) {
		this.jdbc.sql("""
				UPDATE replay_job SET processed = processed + :processed, requeued = requeued + :requeued,
				    created = created + :created, skipped = skipped + :skipped\s""" + FENCE)
			.param("processed", progress.processed())
			.param("requeued", progress.requeued())
			.param("created", progress.created())
			.param("skipped", progress.skipped())
			.param("id", job.id())
			.param("token", job.token())
			.update();
	}

	/** Ends the job; its counts, or empty when the lease was lost meanwhile. */
	List<Counts> finish(LeasedJob job, String status, String error) {
		return this.jdbc.sql("""
				UPDATE replay_job SET status = :status, error = :error, finished_at = clock_timestamp(),
				    claimed_until = NULL\s""" + FENCE + " RETURNING matched, processed, requeued, created, skipped")
			.param("status", status)
			.param("error", error)
			.param("id", job.id())
			.param("token", job.token())
			.query((rs, row) -> new Counts(rs.getInt("matched"), rs.getInt("processed"), rs.getInt("requeued"),
					rs.getInt("created"), rs.getInt("skipped")))
			.list();
	}

	String status(LeasedJob job) {
		return this.jdbc.sql("SELECT status FROM replay_job WHERE id = :id")
			.param("id", job.id())
			.query(String.class)
			.single();
	}

	/**
	 * @param token this runner's lease
	 * @param tenantId null for an operator's job over all tenants
	 * @param ratePerSecond null for the worker's default
	 * @param itemsFixed whether the set of notifications was already taken
	 * @param newMessageId whether requeued notifications get a new message id
	 * @param requestedBy who created the job (API key prefix or operator)
	 */
	record LeasedJob(UUID id, ReplayKind kind, UUID token, UUID tenantId, String criteria, Integer ratePerSecond,
			boolean itemsFixed, boolean newMessageId, String requestedBy) {
	}

	record Counts(int matched, int processed, int requeued, int created, int skipped) {
	}

	/**
	 * What one chunk did.
	 *
	 * @param processed items handled (notifications, or events of a backfill)
	 * @param requeued notifications requeued
	 * @param created notifications created by a backfill
	 * @param skipped items that changed nothing
	 */
	record Progress(int processed, int requeued, int created, int skipped) {
	}

}
