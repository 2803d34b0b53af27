package io.herald.core.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only counts over the event log and the outbox for dashboards, for one tenant or
 * (operators only: callers decide) for all. Every query is bounded by the time window and
 * grouped in the database.
 */
@Service
public class NotificationStatistics {

	private static final int TOP_FAILING = 5;

	private final JdbcClient jdbc;

	private final Clock clock;

	NotificationStatistics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The last {@code window} (whole hours, the current one included).
	 * @param tenantId the tenant, or empty for all tenants
	 */
	@Transactional(readOnly = true)
	public DeliveryOverview overview(Optional<UUID> tenantId, Duration window) {
		Instant now = this.clock.instant();
		long hours = Math.max(1, window.toHours());
		Instant since = now.truncatedTo(ChronoUnit.HOURS).minus(hours - 1, ChronoUnit.HOURS);
		Map<Instant, Long> events = perHour("event", "received_at", tenantId, since);
		Map<Instant, Long> notifications = perHour("notification", "created_at", tenantId, since);
		List<DeliveryOverview.Hour> series = new ArrayList<>();
		for (Instant hour = since; !hour.isAfter(now); hour = hour.plus(1, ChronoUnit.HOURS)) {
			series.add(new DeliveryOverview.Hour(hour, events.getOrDefault(hour, 0L),
					notifications.getOrDefault(hour, 0L)));
		}
		return new DeliveryOverview(since, series, byStatusAndChannel(tenantId, since), topFailing(tenantId, since));
	}

	private Map<Instant, Long> perHour(String table, String column, Optional<UUID> tenantId, Instant since) {
		// table and column are constants of this class, never input
		// hours since the epoch: independent of the session's time zone
		String sql = "SELECT floor(extract(epoch FROM " + column + ") / 3600)::bigint AS hour, count(*) AS n FROM "
				+ table + " WHERE " + column + " >= :since" + tenantClause(tenantId, "tenant_id") + " GROUP BY 1";
		Map<Instant, Long> counts = new HashMap<>();
		params(this.jdbc.sql(sql), tenantId, since).query((RowCallbackHandler) (rs) -> counts
			.put(Instant.ofEpochSecond(rs.getLong("hour") * 3600), rs.getLong("n")));
		return counts;
	}

	private List<DeliveryOverview.StatusCount> byStatusAndChannel(Optional<UUID> tenantId, Instant since) {
		String sql = "SELECT status, channel, count(*) AS n FROM notification WHERE created_at >= :since"
				+ tenantClause(tenantId, "tenant_id") + " GROUP BY status, channel ORDER BY status, channel";
		return params(this.jdbc.sql(sql), tenantId, since)
			.query((rs, row) -> new DeliveryOverview.StatusCount(NotificationStatus.valueOf(rs.getString("status")),
					rs.getString("channel"), rs.getLong("n")))
			.list();
	}

	private List<DeliveryOverview.FailingSubscription> topFailing(Optional<UUID> tenantId, Instant since) {
		String sql = "SELECT n.subscription_id, n.tenant_id, et.name AS event_type, s.template_name, s.channel,"
				+ " count(*) AS failures FROM notification n"
				+ " JOIN subscription s ON s.id = n.subscription_id JOIN event_type et ON et.id = s.event_type_id"
				+ " WHERE n.status IN ('DEAD', 'FAILED') AND n.created_at >= :since"
				+ tenantClause(tenantId, "n.tenant_id")
				+ " GROUP BY n.subscription_id, n.tenant_id, et.name, s.template_name, s.channel"
				+ " ORDER BY failures DESC, n.subscription_id LIMIT " + TOP_FAILING;
		return params(this.jdbc.sql(sql), tenantId, since)
			.query((rs, row) -> new DeliveryOverview.FailingSubscription(rs.getObject("subscription_id", UUID.class),
					rs.getObject("tenant_id", UUID.class), rs.getString("event_type"), rs.getString("template_name"),
					rs.getString("channel"), rs.getLong("failures")))
			.list();
	}

	private static String tenantClause(Optional<UUID> tenantId, String column) {
		return tenantId.isPresent() ? " AND " + column + " = :tenant" : "";
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Optional<UUID> tenantId,
			Instant since) {
		JdbcClient.StatementSpec withSince = spec.param("since", Timestamp.from(since));
		return tenantId.map((id) -> withSince.param("tenant", id)).orElse(withSince);
	}

}
