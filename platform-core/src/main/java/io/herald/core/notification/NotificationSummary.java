package io.herald.core.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification in a list.
 */
public record NotificationSummary(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		String channel, String recipient, NotificationStatus status, String statusReason, int attempts,
		Instant createdAt, Instant updatedAt) {

}
