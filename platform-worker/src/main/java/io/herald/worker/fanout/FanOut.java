package io.herald.worker.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.EventRecord;
import io.herald.core.fanout.FanOutDecision;
import io.herald.core.fanout.FanOutDecisionLog;
import io.herald.core.fanout.FanOutOutcome;
import io.herald.core.fanout.FanOutPlanner;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.replay.BackfillPlan;
import io.herald.core.replay.EventBackfill;
import io.herald.worker.audit.AuditRows;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fan-out facade: in one transaction per batch of events it stores the events in the
 * event log (the final guard: a duplicate stops there), matches each new event against
 * the tenant's subscriptions for its type through platform-core's {@link FanOutPlanner}
 * (filters, recipients, opt-outs, rendering), and inserts the outbox rows, the decision
 * per subscription ({@code event_fanout}) and the audit entries, each kind in multi-row
 * statements. As many new rows as this process's dispatcher can hold are created claimed
 * (decision 0105): after the commit it sends them without a claim statement. Metrics are
 * counted after the commit.
 */
@Service
public class FanOut {

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final SubscriptionCache subscriptions;

	private final FanOutPlanner planner;

	private final FanOutDecisionLog decisions;

	private final AuditRows audit;

	private final ApplicationEventPublisher events;

	private final CloudEventCodec codec;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObjectProvider<HandOverRoom> handOverRoom;

	FanOut(TransactionTemplate transactions, Outbox outbox, SubscriptionCache subscriptions, FanOutPlanner planner,
			FanOutDecisionLog decisions, AuditRows audit, ApplicationEventPublisher events, CloudEventCodec codec,
			MeterRegistry meters, Clock clock, ObjectProvider<HandOverRoom> handOverRoom) {
		this.transactions = transactions;
		this.outbox = outbox;
		this.subscriptions = subscriptions;
		this.planner = planner;
		this.decisions = decisions;
		this.audit = audit;
		this.events = events;
		this.codec = codec;
		this.meters = meters;
		this.clock = clock;
		this.handOverRoom = handOverRoom;
	}

	/**
	 * Fans the events out in one transaction, each at most once.
	 * @param batch distinct events
	 * @return the events stored by this call; those the event log already held were left
	 * alone
	 */
	public Set<EventKey> fanOut(List<AcceptedEvent> batch) {
		if (batch.isEmpty()) {
			return Set.of();
		}
		FanOutResult result = this.transactions.execute((status) -> inTransaction(batch));
		count(result);
		return result.stored();
	}

	private FanOutResult inTransaction(List<AcceptedEvent> batch) {
		Instant now = this.clock.instant();
		List<EventRecord> records = new ArrayList<>(batch.size());
		for (AcceptedEvent accepted : batch) {
			records.add(new EventRecord(accepted.tenantId(), accepted.event(),
					this.codec.dataAsString(accepted.event()), now));
		}
		Set<EventKey> stored = this.outbox.storeEvents(records);
		List<Notification> candidates = new ArrayList<>();
		List<FanOutDecisionLog.Row> decided = new ArrayList<>();
		Map<EventKey, Integer> filteredPerEvent = new LinkedHashMap<>();
		for (AcceptedEvent accepted : batch) {
			EventKey key = EventKey.of(accepted);
			if (stored.contains(key)) {
				List<FanOutDecision> plan = this.planner.plan(accepted.tenant(), accepted.event(),
						this.subscriptions.of(accepted.tenantId(), accepted.eventType().getId()), now);
				int filtered = 0;
				for (FanOutDecision decision : plan) {
					candidates.addAll(decision.notifications());
					decided.add(new FanOutDecisionLog.Row(key.tenantId(), key.eventId(), decision, now, null));
					filtered += (decision.outcome() == FanOutOutcome.FILTERED) ? 1 : 0;
				}
				filteredPerEvent.put(key, filtered);
			}
		}
		HandOverRoom room = this.handOverRoom.getIfAvailable();
		long leasedAt = System.nanoTime();
		Map<UUID, Outbox.SendTarget> claimed = claimable(candidates, room);
		Set<UUID> inserted = claimed.isEmpty() ? this.outbox.insert(candidates)
				: this.outbox.insert(candidates, claimed.keySet(), room.lease());
		this.decisions.record(decided, false);
		List<Notification> created = candidates.stream().filter((n) -> inserted.contains(n.getId())).toList();
		this.audit.append(auditEntries(batch, stored, created, filteredPerEvent));
		List<NotificationsQueued.Queued> pending = queued(created, claimed, records);
		if (!pending.isEmpty()) {
			this.events.publishEvent(new NotificationsQueued(pending, leasedAt));
		}
		int filtered = filteredPerEvent.values().stream().mapToInt(Integer::intValue).sum();
		return new FanOutResult(stored,
				created.stream().map((n) -> new FanOutResult.Created(n.getChannel(), n.getStatus())).toList(),
				filtered);
	}

	/**
	 * Backfill: inserts what the plans want that does not exist yet (the outbox's unique
	 * key drops the rest), records the decisions (replacing an earlier one only where
	 * notifications were created) and audits the created notifications, inside the
	 * caller's transaction. Metrics are counted after its commit.
	 * @param jobId the backfill job, named in the decisions and the audit entries
	 * @return how many notifications each event got
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<EventBackfill.EventKey, Integer> backfill(UUID jobId, List<BackfillPlan> plans) {
		Instant now = this.clock.instant();
		List<Notification> candidates = new ArrayList<>();
		plans.forEach((plan) -> plan.decisions().forEach((d) -> candidates.addAll(d.notifications())));
		Set<UUID> inserted = this.outbox.insert(candidates);
		List<FanOutDecisionLog.Row> replaced = new ArrayList<>();
		List<FanOutDecisionLog.Row> kept = new ArrayList<>();
		Map<EventBackfill.EventKey, Integer> createdPerEvent = new LinkedHashMap<>();
		List<AuditRows.Entry> entries = new ArrayList<>();
		List<Notification> created = new ArrayList<>();
		for (BackfillPlan plan : plans) {
			EventRecord event = plan.event();
			for (FanOutDecision decision : plan.decisions()) {
				List<Notification> fresh = decision.notifications()
					.stream()
					.filter((n) -> inserted.contains(n.getId()))
					.toList();
				(fresh.isEmpty() ? kept : replaced)
					.add(new FanOutDecisionLog.Row(event.getTenantId(), event.getEventId(), decision, now, jobId));
				for (Notification notification : fresh) {
					Map<String, Object> details = details(notification);
					details.put("replayJobId", jobId.toString());
					entries.add(new AuditRows.Entry(Actor.SYSTEM, notification.getTenantId(), "notification.created",
							"notification", notification.getId().toString(), details));
				}
				created.addAll(fresh);
				if (!fresh.isEmpty()) {
					createdPerEvent.merge(new EventBackfill.EventKey(event.getTenantId(), event.getEventId()),
							fresh.size(), Integer::sum);
				}
			}
		}
		this.decisions.record(replaced, true);
		this.decisions.record(kept, false);
		this.audit.append(entries);
		List<NotificationsQueued.Queued> pending = queued(created, Map.of(), List.of());
		if (!pending.isEmpty()) {
			this.events.publishEvent(new NotificationsQueued(pending));
		}
		FanOutResult result = new FanOutResult(Set.of(),
				created.stream().map((n) -> new FanOutResult.Created(n.getChannel(), n.getStatus())).toList(), 0);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				count(result);
			}
		});
		return createdPerEvent;
	}

	/**
	 * The PENDING candidates to create claimed, as many as the dispatcher here can hold
	 * (decision 0105), with their subscription's send target; none of a suspended tenant.
	 */
	private Map<UUID, Outbox.SendTarget> claimable(List<Notification> candidates, HandOverRoom room) {
		int claimable = (room != null) ? room.claimable() : 0;
		if (claimable <= 0) {
			return Map.of();
		}
		Set<UUID> subscriptions = new HashSet<>();
		candidates.stream()
			.filter((n) -> n.getStatus() == NotificationStatus.PENDING)
			.forEach((n) -> subscriptions.add(n.getSubscriptionId()));
		Map<UUID, Outbox.SendTarget> targets = this.outbox.sendTargets(subscriptions);
		Map<UUID, Outbox.SendTarget> claimed = new HashMap<>();
		for (Notification candidate : candidates) {
			Outbox.SendTarget target = targets.get(candidate.getSubscriptionId());
			if (claimed.size() == claimable) {
				break;
			}
			if (candidate.getStatus() == NotificationStatus.PENDING && target != null) {
				claimed.put(candidate.getId(), target);
			}
		}
		return claimed;
	}

	private static List<NotificationsQueued.Queued> queued(List<Notification> created,
			Map<UUID, Outbox.SendTarget> claimed, List<EventRecord> events) {
		Map<EventKey, String> data = new HashMap<>();
		if (!claimed.isEmpty()) {
			events.forEach((event) -> data.put(new EventKey(event.getTenantId(), event.getEventId()), event.getData()));
		}
		return created.stream().filter((n) -> n.getStatus() == NotificationStatus.PENDING).map((n) -> {
			Outbox.SendTarget target = claimed.get(n.getId());
			if (target == null) {
				return new NotificationsQueued.Queued(n.getId(), n.getTenantId());
			}
			return new NotificationsQueued.Queued(n.getId(), n.getTenantId(),
					new NotificationsQueued.Claimed(n.getEventId(), n.getEventType(), n.getSubscriptionId(),
							n.getChannel(), n.getRecipient(), n.getAddress(), n.getSubject(), n.getBody(),
							target.endpoint(), target.encryptedSigningSecret(),
							data.get(new EventKey(n.getTenantId(), n.getEventId()))));
		}).toList();
	}

	private static List<AuditRows.Entry> auditEntries(List<AcceptedEvent> batch, Set<EventKey> stored,
			List<Notification> created, Map<EventKey, Integer> filtered) {
		List<AuditRows.Entry> entries = new ArrayList<>(stored.size() + created.size());
		Map<EventKey, Integer> createdPerEvent = new LinkedHashMap<>();
		for (Notification notification : created) {
			createdPerEvent.merge(new EventKey(notification.getTenantId(), notification.getEventId()), 1, Integer::sum);
			entries.add(new AuditRows.Entry(Actor.SYSTEM, notification.getTenantId(), "notification.created",
					"notification", notification.getId().toString(), details(notification)));
		}
		for (AcceptedEvent accepted : batch) {
			EventKey key = EventKey.of(accepted);
			if (stored.contains(key)) {
				entries.add(new AuditRows.Entry(Actor.SYSTEM, key.tenantId(), "event.stored", "event", key.eventId(),
						Map.of("type", accepted.event().type(), "notifications", createdPerEvent.getOrDefault(key, 0),
								"filtered", filtered.getOrDefault(key, 0))));
			}
		}
		return entries;
	}

	private static Map<String, Object> details(Notification notification) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("eventId", notification.getEventId());
		details.put("subscriptionId", notification.getSubscriptionId().toString());
		details.put("channel", notification.getChannel().name());
		details.put("status", notification.getStatus().name());
		if (notification.getTemplateVersion() != null) {
			details.put("templateVersion", notification.getTemplateVersion());
		}
		if (notification.getStatusReason() != null) {
			details.put("reason", notification.getStatusReason());
		}
		return details;
	}

	private void count(FanOutResult result) {
		if (result.filtered() > 0) {
			this.meters.counter("herald.fanout.filtered").increment(result.filtered());
		}
		Map<FanOutResult.Created, Integer> created = new LinkedHashMap<>();
		result.created().forEach((c) -> created.merge(c, 1, Integer::sum));
		created.forEach((c, n) -> this.meters
			.counter("herald.notifications.created", "status", c.status().name(), "channel", c.channel().name())
			.increment(n));
	}

}
