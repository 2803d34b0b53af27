package io.herald.worker.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.SubscriptionFilters;
import io.herald.core.template.TemplateContexts;
import io.herald.worker.audit.AuditRows;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out facade: in one transaction per batch of events it stores the events in the
 * event log (the final guard: a duplicate stops there), matches each new event against
 * the tenant's enabled subscriptions for its type, evaluates their filters, resolves
 * recipients, renders, and inserts the outbox rows with their audit entries, each kind in
 * multi-row statements. Metrics are counted after the commit.
 */
@Service
public class FanOut {

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final SubscriptionCache subscriptions;

	private final SubscriptionFilters filters;

	private final RecipientResolver recipients;

	private final NotificationFactory notifications;

	private final AuditRows audit;

	private final ApplicationEventPublisher events;

	private final CloudEventCodec codec;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	FanOut(TransactionTemplate transactions, Outbox outbox, SubscriptionCache subscriptions,
			SubscriptionFilters filters, RecipientResolver recipients, NotificationFactory notifications,
			AuditRows audit, ApplicationEventPublisher events, CloudEventCodec codec, JsonMapper json,
			MeterRegistry meters, Clock clock) {
		this.transactions = transactions;
		this.outbox = outbox;
		this.subscriptions = subscriptions;
		this.filters = filters;
		this.recipients = recipients;
		this.notifications = notifications;
		this.audit = audit;
		this.events = events;
		this.codec = codec;
		this.json = json;
		this.meters = meters;
		this.clock = clock;
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
		Map<EventKey, Integer> filteredPerEvent = new LinkedHashMap<>();
		for (AcceptedEvent accepted : batch) {
			EventKey key = EventKey.of(accepted);
			if (stored.contains(key)) {
				filteredPerEvent.put(key, match(accepted, now, candidates));
			}
		}
		Set<UUID> inserted = this.outbox.insert(candidates);
		List<Notification> created = candidates.stream().filter((n) -> inserted.contains(n.getId())).toList();
		this.audit.append(auditEntries(batch, stored, created, filteredPerEvent));
		List<UUID> pending = created.stream()
			.filter((n) -> n.getStatus() == NotificationStatus.PENDING)
			.map(Notification::getId)
			.toList();
		if (!pending.isEmpty()) {
			this.events.publishEvent(new NotificationsQueued(pending.size()));
		}
		int filtered = filteredPerEvent.values().stream().mapToInt(Integer::intValue).sum();
		return new FanOutResult(stored,
				created.stream().map((n) -> new FanOutResult.Created(n.getChannel(), n.getStatus())).toList(),
				filtered);
	}

	/** Adds the event's notifications to {@code into}; answers how many were filtered. */
	private int match(AcceptedEvent accepted, Instant now, List<Notification> into) {
		CloudEventEnvelope event = accepted.event();
		Map<String, Object> attributes = TemplateContexts.eventAttributes(event);
		Object data = (event.data() != null && !event.data().isNull())
				? this.json.convertValue(event.data(), Object.class) : null;
		int filtered = 0;
		for (MatchingSubscription subscription : this.subscriptions.enabled(accepted.tenantId(),
				accepted.eventType().getId())) {
			if (!this.filters.matches(subscription.filter(), attributes, data)) {
				filtered++;
				continue;
			}
			for (Target target : this.recipients.resolve(subscription, accepted)) {
				into.add(this.notifications.create(subscription, target, accepted, now));
			}
		}
		return filtered;
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
