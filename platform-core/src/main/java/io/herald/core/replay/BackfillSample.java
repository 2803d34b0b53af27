package io.herald.core.replay;

import java.util.UUID;

/**
 * A notification an {@code EVENTS} backfill would create, as its dry run shows it.
 */
public record BackfillSample(UUID tenantId, String eventId, UUID subscriptionId, String channel, String recipient,
		String status) {

}
