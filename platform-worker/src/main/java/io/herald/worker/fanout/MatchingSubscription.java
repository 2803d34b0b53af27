package io.herald.worker.fanout;

import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.subscription.Subscription;

/**
 * The parts of an enabled subscription that fan-out needs, as an immutable snapshot safe
 * to cache and share between threads.
 */
record MatchingSubscription(UUID id, String templateName, Channel channel, String endpoint, String recipientRule,
		String filter) {

	static MatchingSubscription of(Subscription subscription) {
		return new MatchingSubscription(subscription.getId(), subscription.getTemplateName(), subscription.getChannel(),
				subscription.getEndpoint(), subscription.getRecipientRule(), subscription.getFilter());
	}

}
