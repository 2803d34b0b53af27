package io.herald.worker.delivery;

import java.util.UUID;

import io.herald.core.channel.Channel;

/**
 * An outbox row this worker holds the lease of, with the number of the attempt it is
 * about to make (or, for a reclaimed row, the attempt whose result was lost), and what
 * the send needs from the subscription and the event.
 *
 * @param endpoint the subscription's webhook URL as of the claim (null for other
 * channels)
 * @param encryptedSigningSecret the subscription's signing secret, encrypted
 * @param dataJson the stored event's data
 */
record ClaimedNotification(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		Channel channel, String recipient, String address, String subject, String body, int attempt, String endpoint,
		String encryptedSigningSecret, String dataJson) {

}
