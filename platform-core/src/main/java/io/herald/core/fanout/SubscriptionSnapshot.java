package io.herald.core.fanout;

import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.subscription.Subscription;

/**
 * The parts of a subscription that fan-out needs, as an immutable snapshot safe to cache
 * and share between threads. Disabled subscriptions are part of the snapshot so that
 * fan-out can record that they were skipped.
 */
public record SubscriptionSnapshot(UUID id, String templateName, Channel channel, String endpoint, String recipientRule,
		String filter, boolean enabled) {

	public static SubscriptionSnapshot of(Subscription subscription) {
		return new SubscriptionSnapshot(subscription.getId(), subscription.getTemplateName(), subscription.getChannel(),
				subscription.getEndpoint(), subscription.getRecipientRule(), subscription.getFilter(),
				subscription.isEnabled());
	}

}
