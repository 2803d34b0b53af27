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
 * @param attemptBase the attempt count when the current attempt series began (a resend or
 * replay starts a new series with a fresh retry schedule)
 * @param series the current attempt series, 1 for the first
 * @param messageId the receiver-facing message id: the notification id unless a resend or
 * replay asked for a new one
 */
record ClaimedNotification(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		Channel channel, String recipient, String address, String subject, String body, int attempt, String endpoint,
		String encryptedSigningSecret, String dataJson, int attemptBase, int series, UUID messageId) {

	/** A notification in its first attempt series. */
	ClaimedNotification(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId, Channel channel,
			String recipient, String address, String subject, String body, int attempt, String endpoint,
			String encryptedSigningSecret, String dataJson) {
		this(id, tenantId, eventId, eventType, subscriptionId, channel, recipient, address, subject, body, attempt,
				endpoint, encryptedSigningSecret, dataJson, 0, 1, id);
	}

	/**
	 * Names the row and its attempt, nothing of its content, its address, the event's
	 * data or the secret (should a log line or an error message ever print a claimed
	 * row).
	 */
	@Override
	public String toString() {
		return "ClaimedNotification[id=" + this.id + ", tenantId=" + this.tenantId + ", channel=" + this.channel
				+ ", attempt=" + this.attempt + "]";
	}

	/** The attempt's position in the retry schedule: 1 for the first of its series. */
	int position() {
		return this.attempt - this.attemptBase;
	}

}
