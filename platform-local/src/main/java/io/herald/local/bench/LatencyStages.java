package io.herald.local.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import io.herald.local.bench.HeraldApi.BenchTenant;

/**
 * Where a run's publish→receive latency goes, read from the timestamps Herald itself
 * records for the run's notifications (first attempts only): the event's {@code time}
 * (set by the bench when it produces the event; absent for REST ingest, where the API
 * does not stamp one), the worker's {@code received_at} (when the batch holding the event
 * started its fan-out, after the consumer's poll and the Redis dedupe), and the first
 * delivery attempt's {@code started_at} and {@code latency_ms}. All on the same machine's
 * clock.
 *
 * @param notifications first attempts the figures cover
 * @param toFanOut publish → fan-out start: Kafka, the consumer's poll, the dedupe
 * @param toSend fan-out start → send start: the fan-out transaction, its commit, the
 * hand-over or claim, a free sender
 * @param send the send itself (the provider call; here the bench's receiver)
 */
record LatencyStages(long notifications, Percentiles toFanOut, Percentiles toSend, Percentiles send) {

	// The event and the first attempt are read per notification by their keys (OFFSET 0
	// keeps each lateral subquery apart): with no statistics on tenant_id (changeset 086)
	// and a run's rows all of one tenant, a plain three-way join was planned with the
	// event looked up by tenant_id alone, once per notification, and took minutes.
	private static final String QUERY = """
			SELECT count(*),
			    percentile_cont(ARRAY[0.5, 0.95, 0.99])
			        WITHIN GROUP (ORDER BY extract(epoch FROM e.received_at - e.time) * 1000),
			    percentile_cont(ARRAY[0.5, 0.95, 0.99])
			        WITHIN GROUP (ORDER BY extract(epoch FROM a.started_at - e.received_at) * 1000),
			    percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY a.latency_ms)
			FROM notification n
			CROSS JOIN LATERAL (SELECT e.received_at, e.time FROM event e
			    WHERE e.tenant_id = n.tenant_id AND e.event_id = n.event_id OFFSET 0) e
			CROSS JOIN LATERAL (SELECT a.started_at, a.latency_ms FROM delivery_attempt a
			    WHERE a.tenant_id = n.tenant_id AND a.notification_id = n.id AND a.attempt_number = 1 OFFSET 0) a
			WHERE n.tenant_id = ANY (?) AND starts_with(n.event_id, ?) AND NOT starts_with(n.event_id, ?)""";

	/**
	 * The run's stages, or {@code null} when the bench has no database connection
	 * (external apps without {@code --jdbc-url}) or the query failed (said on stdout).
	 */
	static LatencyStages of(BenchStack stack, List<BenchTenant> tenants, Tracker tracker) {
		if (stack.servers().jdbcUrl() == null) {
			return null;
		}
		try (Connection connection = stack.connect(); PreparedStatement query = connection.prepareStatement(QUERY)) {
			Array ids = connection.createArrayOf("uuid", tenants.stream().map(BenchTenant::id).toArray(UUID[]::new));
			query.setArray(1, ids);
			query.setString(2, tracker.eventIdPrefix());
			query.setString(3, tracker.warmupIdPrefix());
			try (ResultSet rs = query.executeQuery()) {
				rs.next();
				return new LatencyStages(rs.getLong(1), Percentiles.of(rs.getArray(2)), Percentiles.of(rs.getArray(3)),
						Percentiles.of(rs.getArray(4)));
			}
		}
		catch (SQLException ex) {
			System.out.println("Reading the run's latency stages failed: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * p50, p95 and p99 in milliseconds; {@code null} each where Herald recorded no
	 * figure.
	 */
	record Percentiles(Double p50, Double p95, Double p99) {

		static Percentiles of(Array values) throws SQLException {
			if (values == null) {
				return new Percentiles(null, null, null);
			}
			Double[] ms = (Double[]) values.getArray();
			return new Percentiles(ms[0], ms[1], ms[2]);
		}

	}

}
