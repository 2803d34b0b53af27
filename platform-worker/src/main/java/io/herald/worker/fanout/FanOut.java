package io.herald.worker.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.SubscriptionFilters;
import io.herald.core.template.TemplateContexts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out facade: in one transaction it stores the event in the event log (the final
 * guard: a duplicate stops here), matches the tenant's enabled subscriptions for the
 * type, evaluates their filters, resolves recipients, renders, and inserts the outbox
 * rows with their audit entries. Metrics are counted after the commit.
 */
@Service
public class FanOut {

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final SubscriptionCache subscriptions;

	private final SubscriptionFilters filters;

	private final RecipientResolver recipients;

	private final NotificationFactory notifications;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final CloudEventCodec codec;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	FanOut(TransactionTemplate transactions, Outbox outbox, SubscriptionCache subscriptions,
			SubscriptionFilters filters, RecipientResolver recipients, NotificationFactory notifications,
			AuditLog audit, ApplicationEventPublisher events, CloudEventCodec codec, JsonMapper json,
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
	 * Fans the event out once; returns {@link FanOutResult#stored()} {@code false}
	 * without doing anything when the event log already holds it.
	 */
	public FanOutResult fanOut(AcceptedEvent accepted) {
		FanOutResult result = this.transactions.execute((status) -> inTransaction(accepted));
		count(result);
		return result;
	}

	private FanOutResult inTransaction(AcceptedEvent accepted) {
		Instant now = this.clock.instant();
		CloudEventEnvelope event = accepted.event();
		EventRecord record = new EventRecord(accepted.tenantId(), event, this.codec.dataAsString(event), now);
		if (!this.outbox.storeEvent(record)) {
			return FanOutResult.DUPLICATE;
		}
		Map<String, Object> attributes = TemplateContexts.eventAttributes(event);
		Object data = (event.data() != null && !event.data().isNull())
				? this.json.convertValue(event.data(), Object.class) : null;
		List<FanOutResult.Created> created = new ArrayList<>();
		int filtered = 0;
		for (MatchingSubscription subscription : this.subscriptions.enabled(accepted.tenantId(),
				accepted.eventType().getId())) {
			if (!this.filters.matches(subscription.filter(), attributes, data)) {
				filtered++;
				continue;
			}
			for (Target target : this.recipients.resolve(subscription, accepted)) {
				Notification notification = this.notifications.create(subscription, target, accepted, now);
				if (this.outbox.insert(notification)) {
					audit(notification);
					created.add(new FanOutResult.Created(notification.getChannel(), notification.getStatus()));
				}
			}
		}
		this.audit.append(Actor.SYSTEM, accepted.tenantId(), "event.stored", "event", event.id(),
				Map.of("type", event.type(), "notifications", created.size(), "filtered", filtered));
		int pending = (int) created.stream().filter((c) -> c.status() == NotificationStatus.PENDING).count();
		if (pending > 0) {
			this.events.publishEvent(new NotificationsQueued(pending));
		}
		return new FanOutResult(true, List.copyOf(created), filtered);
	}

	private void audit(Notification notification) {
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
		this.audit.append(Actor.SYSTEM, notification.getTenantId(), "notification.created", "notification",
				notification.getId().toString(), details);
	}

	private void count(FanOutResult result) {
		if (result.filtered() > 0) {
			this.meters.counter("herald.fanout.filtered").increment(result.filtered());
		}
		for (FanOutResult.Created created : result.created()) {
			this.meters
				.counter("herald.notifications.created", "status", created.status().name(), "channel",
						created.channel().name())
				.increment();
		}
	}

}
