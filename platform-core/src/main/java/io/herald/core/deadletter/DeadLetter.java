package io.herald.core.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * One record on the dead-letter topic as operators see it.
 *
 * @param partition its partition on the dead-letter topic
 * @param offset its offset there
 * @param tenantId the tenant, when the worker knew it (null for an event without a known
 * tenant)
 * @param eventId the CloudEvent id, when readable
 * @param reason why the worker refused it ({@code herald-dlq-reason})
 * @param timestamp when it was dead-lettered
 * @param redriven whether it was already re-driven to the event topic
 */
public record DeadLetter(int partition, long offset, UUID tenantId, String eventId, String reason, Instant timestamp,
		boolean redriven) {

	public DeadLetter asRedriven() {
		return new DeadLetter(this.partition, this.offset, this.tenantId, this.eventId, this.reason, this.timestamp,
				true);
	}

}
