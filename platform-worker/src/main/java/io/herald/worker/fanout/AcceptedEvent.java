package io.herald.worker.fanout;

import java.util.UUID;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.tenant.Tenant;

/**
 * An event that passed ingestion's checks: its tenant and type exist and its data fits
 * the type's schema.
 */
public record AcceptedEvent(Tenant tenant, EventType eventType, CloudEventEnvelope event) {

	public UUID tenantId() {
		return this.tenant.getId();
	}

	public String eventId() {
		return this.event.id();
	}

}
