package io.herald.worker.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

	private static final String CLAIM_DUE = """
			WITH due AS MATERIALIZED (
			    SELECT id FROM notification
			    WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= clock_timestamp()
			    ORDER BY next_attempt_at
			    LIMIT :batch
			    FOR UPDATE SKIP LOCKED)
			UPDATE notification n
			SET status = 'SENDING', attempts = n.attempts + 1,
			    claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond', updated_at = clock_timestamp()
			FROM due, subscription s, event e
			WHERE n.id = due.id AND s.id = n.subscription_id AND e.tenant_id = n.tenant_id AND e.event_id = n.event_id
			RETURNING n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel, n.recipient,
			    n.address, n.subject, n.body, n.attempts, s.endpoint, s.signing_secret, e.data""";

	// A row still SENDING after its lease belongs to a worker that died between send and
	// commit: take the lease over (attempts unchanged) so that its lost attempt is
	// recorded.
	private static final String CLAIM_EXPIRED = """
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
			    n.address, n.subject, n.body, n.attempts, s.endpoint, s.signing_secret, e.data""";

	private final JdbcClient jdbc;

	OutboxClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Due PENDING and RETRYING rows, now SENDING with their attempt counted. */
	List<ClaimedNotification> claimDue(int batch, Duration lease) {
		return claim(CLAIM_DUE, batch, lease);
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
				rs.getString("signing_secret"), rs.getString("data"));
	}

}
