package io.herald.core.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * What to look for among notifications; every part is optional (null).
 *
 * @param status the current status
 * @param channel the channel name (WEBHOOK, EMAIL, PUSH)
 * @param eventType the event type's name
 * @param eventId the event's id
 * @param recipient the recipient (external id, or the endpoint for webhooks)
 * @param subscriptionId the subscription that produced it
 * @param from created at or after
 * @param to created before
 */
public record NotificationFilter(NotificationStatus status, String channel, String eventType, String eventId,
		String recipient, UUID subscriptionId, Instant from, Instant to) {

	public static final NotificationFilter ALL = new NotificationFilter(null, null, null, null, null, null, null, null);

}
