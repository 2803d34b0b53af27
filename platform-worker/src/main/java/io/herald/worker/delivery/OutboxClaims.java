package io.herald.worker.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.herald.core.channel.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes leases on outbox rows. Each claim is one statement: the rows are locked with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never take the same row and never
 * wait for each other. What a send needs (the subscription's endpoint and secret, the
 * event's data) comes back with the claim, so there are no lookups per row.
 */
@Component
class OutboxClaims {

	// The statements are package-private: HotPathPlansIntegrationTests explains them
	// (platform-worker) over a database that holds history.

	// Fair share per tenant: the tenants with queued rows are found by a skip scan over
	// notification_queued_tenant_idx (one index probe per tenant), those with due rows
	// and not saturated (too many sends in flight here) split the batch, each taking its
	// oldest due rows in turns: every due tenant's first row comes before any tenant's
	// second. One tenant's backlog or slow endpoint cannot take a whole claim. A
	// suspended
	// tenant's rows are held (left PENDING/RETRYING) until an operator resumes it.
	static final String CLAIM_DUE = """
			WITH RECURSIVE queued AS (
			    (SELECT tenant_id FROM notification WHERE status IN ('PENDING', 'RETRYING')
			     ORDER BY tenant_id LIMIT 1)
			    UNION ALL
			    SELECT (SELECT n.tenant_id FROM notification n
			            WHERE n.status IN ('PENDING', 'RETRYING') AND n.tenant_id > q.tenant_id
			            ORDER BY n.tenant_id LIMIT 1)
			    FROM queued q WHERE q.tenant_id IS NOT NULL),
			due_tenants AS MATERIALIZED (
			    SELECT q.tenant_id FROM queued q
			    WHERE q.tenant_id IS NOT NULL AND NOT q.tenant_id = ANY (CAST(:saturated AS uuid[]))
			      AND NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = q.tenant_id AND t.suspended_at IS NOT NULL)
			      AND EXISTS (SELECT 1 FROM notification n
			                  WHERE n.tenant_id = q.tenant_id AND n.status IN ('PENDING', 'RETRYING')
			                    AND n.next_attempt_at <= clock_timestamp())),
			share AS (
			    SELECT greatest(1, ceil(:batch / greatest(count(*), 1)::numeric))::int AS rows FROM due_tenants),
			picked AS (
			    SELECT c.id FROM due_tenants t CROSS JOIN share CROSS JOIN LATERAL (
			        SELECT n.id, n.next_attempt_at, row_number() OVER (ORDER BY n.next_attempt_at) AS turn
			        FROM notification n
			        WHERE n.tenant_id = t.tenant_id AND n.status IN ('PENDING', 'RETRYING')
			          AND n.next_attempt_at <= clock_timestamp()
			        ORDER BY n.next_attempt_at
			        LIMIT share.rows) c
			    ORDER BY c.turn, c.next_attempt_at
			    LIMIT :batch),
			due AS MATERIALIZED (
			    SELECT id FROM notification
			    WHERE id IN (SELECT id FROM picked) AND status IN ('PENDING', 'RETRYING')
			      AND next_attempt_at <= clock_timestamp()
			    FOR UPDATE SKIP LOCKED)
			UPDATE notification n
			SET status = 'SENDING', attempts = n.attempts + 1,
			    claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond', updated_at = clock_timestamp()
			FROM due, subscription s, event e
			WHERE n.id = due.id AND s.id = n.subscription_id AND e.tenant_id = n.tenant_id AND e.event_id = n.event_id
			RETURNING n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel, n.recipient,
			    n.address, n.subject, n.body, n.attempts, s.endpoint, s.signing_secret, e.data,
			    n.attempt_base, n.attempt_series, COALESCE(n.message_id, n.id) AS message_id""";

	// Rows handed over in memory by the fan-out that created them: the claim is the guard
	// (a row the poll or another worker claimed meanwhile is no longer PENDING, or
	// locked, and is left out), with the same conditions as a claim of due rows. The rows
	// are locked by id alone and their state is checked by the UPDATE (which re-reads the
	// locked row): with the status in the locking query the planner may take
	// notification_queued_tenant_idx, whose predicate it matches, and walk every queued
	// row (and the dead entries of rows claimed since the last vacuum) instead of probing
	// the primary key once per id (decision 0092). A locked row that is no longer due is
	// released when the statement ends.
	static final String CLAIM_HANDED_OFF = """
			WITH due AS MATERIALIZED (
			    SELECT n.id FROM notification n
			    WHERE n.id = ANY (CAST(:ids AS uuid[]))
			    FOR UPDATE OF n SKIP LOCKED)
			UPDATE notification n
			SET status = 'SENDING', attempts = n.attempts + 1,
			    claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond', updated_at = clock_timestamp()
			FROM due, subscription s, event e
			WHERE n.id = due.id AND n.status IN ('PENDING', 'RETRYING') AND n.next_attempt_at <= clock_timestamp()
			  AND NOT EXISTS (SELECT 1 FROM tenant t WHERE t.id = n.tenant_id AND t.suspended_at IS NOT NULL)
			  AND s.id = n.subscription_id AND e.tenant_id = n.tenant_id AND e.event_id = n.event_id
			RETURNING n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel, n.recipient,
			    n.address, n.subject, n.body, n.attempts, s.endpoint, s.signing_secret, e.data,
			    n.attempt_base, n.attempt_series, COALESCE(n.message_id, n.id) AS message_id""";

	static final String EXTEND = """
			UPDATE notification SET claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond'
			WHERE id = ANY (CAST(:ids AS uuid[])) AND status = 'SENDING'""";

	// Rows created claimed for a dispatcher that stopped before sending them (decision
	// 0105): PENDING again, their first attempt not counted.
	static final String RELEASE = """
			UPDATE notification SET status = 'PENDING', attempts = attempts - 1, claimed_until = NULL,
			    next_attempt_at = clock_timestamp(), updated_at = clock_timestamp()
			WHERE id = ANY (CAST(:ids AS uuid[])) AND status = 'SENDING' AND attempts = 1""";

	// A row still SENDING after its lease belongs to a worker that died between send and
	// commit: take the lease over (attempts unchanged) so that its lost attempt is
	// recorded.
	static final String CLAIM_EXPIRED = """
			WITH expired AS MATERIALIZED (
			    SELECT id FROM notification
			    WHERE status = 'SENDING' AND claimed_until < clock_timestamp()
			    ORDER BY claimed_until
			    LIMIT :batch
			    FOR UPDATE SKIP LOCKED)
			UPDATE notification n
			SET claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond', updated_at = clock_timestamp()
			FROM expired, subscription s, event e
			WHERE n.id = expired.id AND s.id = n.subscription_id AND e.tenant_id = n.tenant_id
			    AND e.event_id = n.event_id
			RETURNING n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel, n.recipient,
			    n.address, n.subject, n.body, n.attempts, s.endpoint, s.signing_secret, e.data,
			    n.attempt_base, n.attempt_series, COALESCE(n.message_id, n.id) AS message_id""";

	private final JdbcClient jdbc;

	OutboxClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Due PENDING and RETRYING rows, now SENDING with their attempt counted, shared
	 * fairly between the tenants that have due rows.
	 * @param saturated tenants that get no rows in this claim
	 */
	List<ClaimedNotification> claimDue(int batch, Duration lease, Collection<UUID> saturated) {
		return this.jdbc.sql(CLAIM_DUE)
			.param("batch", batch)
			.param("leaseMs", lease.toMillis())
			.param("saturated", uuidArray(saturated))
			.query(OutboxClaims::claimed)
			.list();
	}

	/**
	 * Those of the given rows that are still due, now SENDING with their attempt counted
	 * (rows handed over in memory after the fan-out's commit).
	 */
	List<ClaimedNotification> claimHandedOff(Collection<UUID> ids, Duration lease) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(CLAIM_HANDED_OFF)
			.param("ids", uuidArray(ids))
			.param("leaseMs", lease.toMillis())
			.query(OutboxClaims::claimed)
			.list();
	}

	/**
	 * Renews the lease of rows still being sent here, so that no lease runs out while its
	 * send is running.
	 */
	int extend(Collection<UUID> ids, Duration lease) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(EXTEND).param("leaseMs", lease.toMillis()).param("ids", uuidArray(ids)).update();
	}

	/**
	 * Rows created claimed here and never sent (the dispatcher stopped): PENDING again
	 * for any worker's claim.
	 */
	int release(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql(RELEASE).param("ids", uuidArray(ids)).update();
	}

	private static String uuidArray(Collection<UUID> ids) {
		StringBuilder array = new StringBuilder("{");
		for (UUID id : ids) {
			array.append((array.length() > 1) ? "," : "").append(id);
		}
		return array.append('}').toString();
	}

	/** SENDING rows whose lease ran out. */
	List<ClaimedNotification> claimExpired(int batch, Duration lease) {
		return claim(CLAIM_EXPIRED, batch, lease);
	}

	private List<ClaimedNotification> claim(String sql, int batch, Duration lease) {
		return this.jdbc.sql(sql)
			.param("batch", batch)
			.param("leaseMs", lease.toMillis())
			.query(OutboxClaims::claimed)
			.list();
	}

	private static ClaimedNotification claimed(ResultSet rs, int row) throws SQLException {
		return new ClaimedNotification(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("event_id"), rs.getString("event_type"), rs.getObject("subscription_id", UUID.class),
				Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("address"),
				rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"), rs.getString("endpoint"),
				rs.getString("signing_secret"), rs.getString("data"), rs.getInt("attempt_base"),
				rs.getInt("attempt_series"), rs.getObject("message_id", UUID.class));
	}

}
