package io.herald.core.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.error.NotFoundException;
import io.herald.core.tenant.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored events of a tenant, the facade the API and the console share. "Why did this
 * event do that" reads the decisions fan-out recorded with the notifications
 * ({@code event_fanout}, decision 0066), never a re-evaluation against today's
 * subscriptions; subscriptions of the type that fan-out never saw are listed as
 * {@link EventView#NOT_EVALUATED}.
 */
@Service
public class EventManagement {

	private static final String DECISIONS = """
			SELECT f.subscription_id, f.channel, f.outcome, f.reason, f.decided_at, f.replay_job_id
			FROM event_fanout f WHERE f.tenant_id = :tenantId AND f.event_id = :eventId
			ORDER BY f.decided_at, f.subscription_id""";

	private static final String UNSEEN = """
			SELECT s.id, s.channel FROM subscription s JOIN event_type t ON t.id = s.event_type_id
			WHERE s.tenant_id = :tenantId AND t.tenant_id = :tenantId AND t.name = :type
			    AND NOT EXISTS (SELECT 1 FROM event_fanout f WHERE f.tenant_id = :tenantId
			        AND f.event_id = :eventId AND f.subscription_id = s.id)
			ORDER BY s.created_at, s.id""";

	private static final String NOTIFICATIONS = """
			SELECT subscription_id, id FROM notification WHERE tenant_id = :tenantId AND event_id = :eventId
			ORDER BY created_at, id""";

	private final EventRecordRepository events;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	EventManagement(EventRecordRepository events, JdbcClient jdbc, JsonMapper json) {
		this.events = events;
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The event with its explanation.
	 * @throws NotFoundException while the tenant has no such event (not processed yet, or
	 * another tenant's)
	 */
	@Transactional(readOnly = true)
	public EventView find(TenantScope scope, String eventId) {
		EventRecord event = this.events.findById(new EventRecord.Key(scope.tenantId(), eventId))
			.orElseThrow(() -> new NotFoundException("Event"));
		Map<UUID, List<UUID>> notifications = new LinkedHashMap<>();
		this.jdbc.sql(NOTIFICATIONS).param("tenantId", scope.tenantId()).param("eventId", eventId).query((rs) -> {
			notifications.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>())
				.add(rs.getObject(2, UUID.class));
		});
		List<EventView.Explanation> explain = new ArrayList<>(this.jdbc.sql(DECISIONS)
			.param("tenantId", scope.tenantId())
			.param("eventId", eventId)
			.query((rs, row) -> {
				UUID subscription = rs.getObject("subscription_id", UUID.class);
				return new EventView.Explanation(subscription, event.getType(), rs.getString("channel"),
						rs.getString("outcome"), rs.getString("reason"),
						List.copyOf(notifications.getOrDefault(subscription, List.of())),
						rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
						rs.getObject("replay_job_id", UUID.class));
			})
			.list());
		explain.addAll(this.jdbc.sql(UNSEEN)
			.param("tenantId", scope.tenantId())
			.param("eventId", eventId)
			.param("type", event.getType())
			.query((rs, row) -> {
				UUID subscription = rs.getObject("id", UUID.class);
				return new EventView.Explanation(subscription, event.getType(), rs.getString("channel"),
						EventView.NOT_EVALUATED,
						"fan-out of this event did not evaluate this subscription (it was created later); an EVENTS"
								+ " backfill would",
						List.copyOf(notifications.getOrDefault(subscription, List.of())), null, null);
			})
			.list());
		return new EventView(event.getEventId(), event.getType(), event.getSource(), event.getSubject(),
				event.getTime(), event.getReceivedAt(), data(event.getData()), explain);
	}

	private JsonNode data(String data) {
		return (data != null) ? this.json.readTree(data) : null;
	}

}
