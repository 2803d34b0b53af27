package io.herald.core.fanout;

import java.util.List;

import io.herald.core.notification.Notification;

/**
 * What fan-out decided for one event and one subscription.
 *
 * @param subscription the subscription as it was then
 * @param outcome the decision
 * @param reason why (null for a plain {@code NOTIFIED})
 * @param notifications the outbox rows it wants, not yet inserted (empty unless
 * {@code NOTIFIED}, {@code SUPPRESSED} or {@code FAILED})
 */
public record FanOutDecision(SubscriptionSnapshot subscription, FanOutOutcome outcome, String reason,
		List<Notification> notifications) {

}
