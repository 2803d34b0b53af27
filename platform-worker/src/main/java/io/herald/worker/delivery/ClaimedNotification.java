package io.herald.worker.delivery;

import java.util.UUID;

import io.herald.core.channel.Channel;

/**
 * An outbox row this worker holds the lease of, with the number of the attempt it is
 * about to make (or, for a reclaimed row, the attempt whose result was lost).
 */
record ClaimedNotification(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		Channel channel, String recipient, String address, String subject, String body, int attempt) {

}
