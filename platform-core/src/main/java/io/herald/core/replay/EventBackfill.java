package io.herald.core.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.fanout.FanOutDecision;
import io.herald.core.fanout.FanOutPlanner;
import io.herald.core.fanout.SubscriptionSnapshot;
import io.herald.core.notification.Notification;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data steps of an {@code EVENTS} backfill (decision 0067), shared by the API's dry
 * run and the worker's run so that both count the same: select stored events, plan their
 * fan-out through today's subscriptions with platform-core's {@link FanOutPlanner} (the
 * one the live fan-out uses), and tell which planned notifications exist already. The
 * worker inserts the rest through its outbox, where the unique key
 * {@code (tenant, event, subscription, channel, recipient)} is the final guard.
 */
@Component
public class EventBackfill {

	/** The most events one backfill covers; more need a narrower filter. */
	public static final int MAX_EVENTS = 10_000;

	private static final String EVENT_COLUMNS = "e.tenant_id, e.event_id, e.type, e.source, e.subject, e.time,"
			+ " e.datacontenttype, e.data, e.received_at";

	private final JdbcClient jdbc;

	private final FanOutPlanner planner;

	private final TenantRepository tenants;

	private final EventTypeRepository eventTypes;

	private final SubscriptionRepository subscriptions;

	private final JsonMapper json;

	EventBackfill(JdbcClient jdbc, FanOutPlanner planner, TenantRepository tenants, EventTypeRepository eventTypes,
			SubscriptionRepository subscriptions, JsonMapper json) {
		this.jdbc = jdbc;
		this.planner = planner;
		this.tenants = tenants;
		this.eventTypes = eventTypes;
		this.subscriptions = subscriptions;
		this.json = json;
	}

	/** Counts and samples what a backfill would create; changes nothing. */
	@Transactional(readOnly = true)
	public BackfillPreview preview(UUID tenantId, ReplayFilter filter, Instant now) {
		EventSelection selection = EventSelection.of(tenantId, filter);
		UUID subscriptionId = (filter != null) ? filter.subscriptionId() : null;
		int matched = 0;
		int wouldCreate = 0;
		List<BackfillSample> sample = new ArrayList<>();
		Cursor after = null;
		while (matched < MAX_EVENTS) {
			List<EventRecord> page = page(selection, after, Math.min(200, MAX_EVENTS - matched));
			if (page.isEmpty()) {
				break;
			}
			matched += page.size();
			EventRecord last = page.get(page.size() - 1);
			after = new Cursor(last.getReceivedAt(), last.getTenantId(), last.getEventId());
			for (Notification missing : missing(plan(page, subscriptionId, now))) {
				wouldCreate++;
				if (sample.size() < 10) {
					sample.add(
							new BackfillSample(missing.getTenantId(), missing.getEventId(), missing.getSubscriptionId(),
									missing.getChannel().name(), missing.getRecipient(), missing.getStatus().name()));
				}
			}
		}
		return new BackfillPreview(matched, wouldCreate, sample);
	}

	/**
	 * Fixes a job's set of events (at most {@link #MAX_EVENTS}, oldest first).
	 * @return how many events it covers
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int fixItems(UUID jobId, UUID tenantId, ReplayFilter filter) {
		EventSelection selection = EventSelection.of(tenantId, filter);
		return this.jdbc
			.sql("""
					INSERT INTO replay_job_event (job_id, tenant_id, event_id)
					SELECT :jobId, e.tenant_id, e.event_id FROM event e
					WHERE %s ORDER BY e.received_at, e.tenant_id, e.event_id LIMIT %d""".formatted(selection.where(),
					MAX_EVENTS))
			.params(selection.params())
			.param("jobId", jobId)
			.update();
	}

	/** Locks and returns up to {@code limit} of the job's events not done yet. */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<EventRecord> nextChunk(UUID jobId, int limit) {
		return this.jdbc.sql("""
				WITH items AS (
				    SELECT tenant_id, event_id FROM replay_job_event WHERE job_id = :jobId AND NOT done
				    ORDER BY tenant_id, event_id LIMIT :limit FOR UPDATE)
				SELECT %s FROM event e JOIN items i ON i.tenant_id = e.tenant_id AND i.event_id = e.event_id
				ORDER BY e.received_at, e.tenant_id, e.event_id""".formatted(EVENT_COLUMNS))
			.param("jobId", jobId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	/** Marks events of the job done, with how many notifications each created. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void markDone(UUID jobId, List<EventRecord> events, Map<EventKey, Integer> created) {
		for (EventRecord event : events) {
			this.jdbc.sql("""
					UPDATE replay_job_event SET done = true, created = :created
					WHERE job_id = :jobId AND tenant_id = :tenantId AND event_id = :eventId""")
				.param("created", created.getOrDefault(new EventKey(event.getTenantId(), event.getEventId()), 0))
				.param("jobId", jobId)
				.param("tenantId", event.getTenantId())
				.param("eventId", event.getEventId())
				.update();
		}
	}

	/**
	 * Plans the events' fan-out through today's subscriptions of their types.
	 * @param subscriptionId only this subscription, or null for all
	 */
	public List<BackfillPlan> plan(List<EventRecord> events, UUID subscriptionId, Instant now) {
		Map<UUID, Optional<Tenant>> tenantsById = new HashMap<>();
		Map<TypeKey, List<SubscriptionSnapshot>> byType = new HashMap<>();
		List<BackfillPlan> plans = new ArrayList<>(events.size());
		for (EventRecord event : events) {
			Optional<Tenant> tenant = tenantsById.computeIfAbsent(event.getTenantId(), this.tenants::findById);
			if (tenant.isEmpty()) {
				plans.add(new BackfillPlan(null, event, List.of()));
				continue;
			}
			List<SubscriptionSnapshot> snapshots = byType.computeIfAbsent(
					new TypeKey(event.getTenantId(), event.getType()), (key) -> subscriptions(key, subscriptionId));
			List<FanOutDecision> decisions = this.planner.plan(tenant.get(), envelope(event), snapshots, now);
			plans.add(new BackfillPlan(tenant.get(), event, decisions));
		}
		return plans;
	}

	/**
	 * The planned notifications whose (tenant, event, subscription, channel, recipient)
	 * does not exist yet: what a run would create.
	 */
	public List<Notification> missing(List<BackfillPlan> plans) {
		Map<UUID, List<String>> eventsByTenant = new LinkedHashMap<>();
		for (BackfillPlan plan : plans) {
			eventsByTenant.computeIfAbsent(plan.event().getTenantId(), (k) -> new ArrayList<>())
				.add(plan.event().getEventId());
		}
		Set<String> existing = new HashSet<>();
		eventsByTenant.forEach((tenantId,
				eventIds) -> existing.addAll(this.jdbc.sql("""
						SELECT event_id, subscription_id, channel, recipient FROM notification
						WHERE tenant_id = :tenantId AND event_id IN (:eventIds)""")
					.param("tenantId", tenantId)
					.param("eventIds", eventIds)
					.query((rs, row) -> key(tenantId, rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
							rs.getString(4)))
					.list()));
		List<Notification> missing = new ArrayList<>();
		Set<String> planned = new HashSet<>();
		for (BackfillPlan plan : plans) {
			for (FanOutDecision decision : plan.decisions()) {
				for (Notification n : decision.notifications()) {
					String key = key(n.getTenantId(), n.getEventId(), n.getSubscriptionId(), n.getChannel().name(),
							n.getRecipient());
					if (!existing.contains(key) && planned.add(key)) {
						missing.add(n);
					}
				}
			}
		}
		return missing;
	}

	private List<SubscriptionSnapshot> subscriptions(TypeKey key, UUID subscriptionId) {
		Optional<EventType> type = this.eventTypes.findByTenantIdAndName(key.tenantId(), key.type());
		if (type.isEmpty()) {
			return List.of();
		}
		return this.subscriptions.findAllByTenantIdAndEventTypeIdOrderByCreatedAtAsc(key.tenantId(), type.get().getId())
			.stream()
			.filter((s) -> subscriptionId == null || s.getId().equals(subscriptionId))
			.map(SubscriptionSnapshot::of)
			.toList();
	}

	private CloudEventEnvelope envelope(EventRecord event) {
		return new CloudEventEnvelope(event.getEventId(), event.getSource(), event.getType(), event.getSubject(),
				event.getTime(), event.getDatacontenttype(),
				(event.getData() != null) ? this.json.readTree(event.getData()) : null, event.getTenantId());
	}

	private List<EventRecord> page(EventSelection selection, Cursor after, int limit) {
		String keyset = (after != null)
				? " AND (e.received_at, e.tenant_id, e.event_id) > (:afterAt, :afterTenant," + " :afterEvent)" : "";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT %s FROM event e WHERE %s%s ORDER BY e.received_at, e.tenant_id, e.event_id LIMIT %d"
				.formatted(EVENT_COLUMNS, selection.where(), keyset, limit))
			.params(selection.params());
		if (after != null) {
			statement = statement.param("afterAt", after.receivedAt().atOffset(java.time.ZoneOffset.UTC))
				.param("afterTenant", after.tenantId())
				.param("afterEvent", after.eventId());
		}
		return statement.query(this::event).list();
	}

	private EventRecord event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		java.time.OffsetDateTime time = rs.getObject("time", java.time.OffsetDateTime.class);
		CloudEventEnvelope envelope = new CloudEventEnvelope(rs.getString("event_id"), rs.getString("source"),
				rs.getString("type"), rs.getString("subject"), (time != null) ? time.toInstant() : null,
				rs.getString("datacontenttype"), null, rs.getObject("tenant_id", UUID.class));
		return new EventRecord(envelope.tenantId(), envelope, rs.getString("data"),
				rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant());
	}

	private static String key(UUID tenantId, String eventId, UUID subscriptionId, String channel, String recipient) {
		return tenantId + "\u0000" + eventId + "\u0000" + subscriptionId + "\u0000" + channel + "\u0000" + recipient;
	}

	/** One event's identity in a backfill's counts. */
	public record EventKey(UUID tenantId, String eventId) {
	}

	private record TypeKey(UUID tenantId, String type) {
	}

	private record Cursor(Instant receivedAt, UUID tenantId, String eventId) {
	}

}
