package io.herald.worker.channel;

import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.channel.ProviderSettings;

/**
 * Everything a provider needs for one attempt.
 *
 * @param notificationId the notification
 * @param tenantId owning tenant
 * @param eventId the fact that caused it
 * @param eventType the fact's type
 * @param channel the channel
 * @param address where to: the webhook URL, the e-mail address, the push token
 * @param recipient the recipient key (external id, or the address itself)
 * @param subject rendered subject (may be null)
 * @param body rendered body
 * @param dataJson the event's data as JSON text (may be null)
 * @param signingSecret the webhook signing secret in clear ({@code whsec_...}), webhooks
 * only
 * @param attemptNumber 1 for the first attempt
 * @param settings the tenant's decrypted provider settings for this channel, null when
 * the tenant configured none
 * @param messageId the idempotency key receivers and providers see: webhook-id, SMTP
 * Message-ID, ACS repeatability id; the notification id unless a resend or replay asked
 * for a new message id
 */
public record OutboundMessage(UUID notificationId, UUID tenantId, String eventId, String eventType, Channel channel,
		String address, String recipient, String subject, String body, String dataJson, String signingSecret,
		int attemptNumber, ProviderSettings settings, UUID messageId) {

	/** A message whose id is its notification's. */
	public OutboundMessage(UUID notificationId, UUID tenantId, String eventId, String eventType, Channel channel,
			String address, String recipient, String subject, String body, String dataJson, String signingSecret,
			int attemptNumber, ProviderSettings settings) {
		this(notificationId, tenantId, eventId, eventType, channel, address, recipient, subject, body, dataJson,
				signingSecret, attemptNumber, settings, notificationId);
	}

}
