package io.herald.core.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification in a list.
 *
 * @param templateVersion the version it was rendered from (null for webhooks)
 * @param sentAt when the provider accepted it, null until then
 */
public record NotificationSummary(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		String channel, String recipient, NotificationStatus status, String statusReason, int attempts,
		Integer templateVersion, Instant createdAt, Instant updatedAt, Instant sentAt) {

}
