package io.herald.worker.delivery;

import io.herald.worker.channel.ChannelProvider;
import io.herald.worker.channel.OutboundMessage;

/**
 * Where a notification goes: a provider with the message for it, or nowhere and why.
 */
sealed interface Route {

	record Ready(ChannelProvider provider, OutboundMessage message) implements Route {
	}

	record Unroutable(String reason) implements Route {
	}

}
