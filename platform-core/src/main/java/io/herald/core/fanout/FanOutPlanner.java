package io.herald.core.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.SubscriptionFilters;
import io.herald.core.template.TemplateContexts;
import io.herald.core.tenant.Tenant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one implementation of fan-out's decisions, pure of storage: for an event and the
 * subscriptions of its type, which are disabled, whose filter is false, and which
 * notifications the others want (recipients resolved, opt-outs honoured, the recipient
 * cap applied, templates rendered). The worker's live fan-out, the worker's event
 * backfill and the API's backfill dry run all call it, so a dry run counts what a run
 * creates.
 */
@Component
public class FanOutPlanner {

	private final SubscriptionFilters filters;

	private final RecipientResolver recipients;

	private final NotificationFactory notifications;

	private final JsonMapper json;

	FanOutPlanner(SubscriptionFilters filters, RecipientResolver recipients, NotificationFactory notifications,
			JsonMapper json) {
		this.filters = filters;
		this.recipients = recipients;
		this.notifications = notifications;
		this.json = json;
	}

	/**
	 * One decision per subscription, in the order given.
	 * @param tenant the event's tenant
	 * @param event the event
	 * @param subscriptions the tenant's subscriptions of the event's type, enabled or not
	 * @param now the notifications' creation time
	 */
	public List<FanOutDecision> plan(Tenant tenant, CloudEventEnvelope event, List<SubscriptionSnapshot> subscriptions,
			Instant now) {
		if (subscriptions.isEmpty()) {
			return List.of();
		}
		Map<String, Object> attributes = TemplateContexts.eventAttributes(event);
		Object data = (event.data() != null && !event.data().isNull())
				? this.json.convertValue(event.data(), Object.class) : null;
		List<FanOutDecision> decisions = new ArrayList<>(subscriptions.size());
		for (SubscriptionSnapshot subscription : subscriptions) {
			if (!subscription.enabled()) {
				decisions.add(new FanOutDecision(subscription, FanOutOutcome.DISABLED, "the subscription is disabled",
						List.of()));
			}
			else if (!this.filters.matches(subscription.filter(), attributes, data)) {
				decisions.add(new FanOutDecision(subscription, FanOutOutcome.FILTERED,
						"the filter '" + subscription.filter() + "' is false for this event", List.of()));
			}
			else {
				List<Notification> created = new ArrayList<>();
				for (Target target : this.recipients.resolve(subscription, tenant.getId(), event)) {
					created.add(this.notifications.create(subscription, target, tenant, event, now));
				}
				decisions.add(decided(subscription, created));
			}
		}
		return decisions;
	}

	/**
	 * NOTIFIED when anything was queued (the reason names the first failure, if any);
	 * otherwise FAILED when anything failed, else SUPPRESSED.
	 */
	private static FanOutDecision decided(SubscriptionSnapshot subscription, List<Notification> created) {
		long pending = created.stream().filter((n) -> n.getStatus() == NotificationStatus.PENDING).count();
		Notification failed = created.stream()
			.filter((n) -> n.getStatus() == NotificationStatus.FAILED)
			.findFirst()
			.orElse(null);
		if (pending > 0) {
			String reason = (failed != null) ? (created.size() - pending) + " of " + created.size()
					+ " notifications were not queued; first: " + failed.getStatusReason() : null;
			return new FanOutDecision(subscription, FanOutOutcome.NOTIFIED, reason, created);
		}
		if (failed != null) {
			return new FanOutDecision(subscription, FanOutOutcome.FAILED, failed.getStatusReason(), created);
		}
		String reason = created.isEmpty() ? "no recipient" : created.get(0).getStatusReason();
		return new FanOutDecision(subscription, FanOutOutcome.SUPPRESSED, reason, created);
	}

}
