package io.herald.worker.channel;

import java.time.Duration;

import io.herald.core.channel.Channel;

/**
 * Sends one rendered notification through one provider (a webhook endpoint, Azure
 * Communication Services, SMTP, Firebase Cloud Messaging, the sandbox inbox).
 *
 * <p>
 * Implementations never throw for a provider failure: they classify it as a
 * {@link DeliveryOutcome}. They must use {@link OutboundMessage#messageId()} as the
 * provider's idempotency key, so that a resend after a crash is recognised (it is the
 * notification id unless a resend or replay asked for a new message id).
 */
public interface ChannelProvider {

	/**
	 * Whether this provider serves a channel for a tenant whose configured provider is
	 * {@code configuredProvider} ({@code null} when the tenant configured none).
	 */
	boolean supports(Channel channel, String configuredProvider);

	DeliveryOutcome send(OutboundMessage message);

	/**
	 * The most time one {@link #send} may take before it is aborted and counted as a
	 * transient failure; zero for providers that do not leave the process.
	 */
	default Duration sendDeadline() {
		return Duration.ZERO;
	}

}
