package io.herald.local.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.local.bench.HeraldApi.BenchTenant;

/**
 * What Herald still holds of a run that has not reached the receiver: the bench tenants'
 * notifications not SENT, by status, and when the latest of those waiting for a retry is
 * due. A notification that failed twice waits for the retry schedule's second delay (5
 * minutes by default) before its third attempt, longer than the drain timeout: the drain
 * waits for it instead of counting it lost.
 *
 * @param byStatus not-SENT notifications per status
 * @param latestDue when the last PENDING or RETRYING one is due, or null
 */
record Outstanding(Map<String, Long> byStatus, Instant latestDue) {

	private static final String QUERY = """
			SELECT status, count(*), max(next_attempt_at) FROM notification
			WHERE tenant_id = ANY (?) AND status <> 'SENT' GROUP BY status ORDER BY status""";

	static Outstanding of(BenchStack stack, List<BenchTenant> tenants) {
		try (Connection connection = stack.connect(); PreparedStatement query = connection.prepareStatement(QUERY)) {
			Array ids = connection.createArrayOf("uuid", tenants.stream().map(BenchTenant::id).toArray(UUID[]::new));
			query.setArray(1, ids);
			Map<String, Long> byStatus = new LinkedHashMap<>();
			Instant latestDue = null;
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					String status = rs.getString(1);
					byStatus.put(status, rs.getLong(2));
					java.sql.Timestamp due = rs.getTimestamp(3);
					if (due != null && (status.equals("PENDING") || status.equals("RETRYING"))
							&& (latestDue == null || due.toInstant().isAfter(latestDue))) {
						latestDue = due.toInstant();
					}
				}
			}
			return new Outstanding(byStatus, latestDue);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Reading the run's undelivered notifications failed", ex);
		}
	}

	/** Rows Herald will still send by itself (PENDING, RETRYING, SENDING). */
	long inFlight() {
		return this.byStatus.getOrDefault("PENDING", 0L) + this.byStatus.getOrDefault("RETRYING", 0L)
				+ this.byStatus.getOrDefault("SENDING", 0L);
	}

	@Override
	public String toString() {
		return this.byStatus.isEmpty() ? "none" : this.byStatus.toString();
	}

}
