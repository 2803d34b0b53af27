package io.herald.core.replay;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification a replay would requeue, as a dry run shows it.
 */
public record ReplaySample(UUID id, UUID tenantId, String eventId, String eventType, UUID subscriptionId,
		String channel, String recipient, String status, String statusReason, int attempts, Instant createdAt) {

}
