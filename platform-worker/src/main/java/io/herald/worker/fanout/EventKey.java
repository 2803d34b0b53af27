package io.herald.worker.fanout;

import java.util.UUID;

/**
 * One event's identity: unique per tenant by the CloudEvent id.
 */
public record EventKey(UUID tenantId, String eventId) {

	public static EventKey of(AcceptedEvent accepted) {
		return new EventKey(accepted.tenantId(), accepted.eventId());
	}

}
