package io.herald.core.event;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event as Herald reads it: the context attributes it uses, the JSON
 * data and the {@code tenantid} extension attribute that names the owning tenant.
 */
public record CloudEventEnvelope(String id, String source, String type, String subject, Instant time,
		String datacontenttype, JsonNode data, UUID tenantId) {

	public static final String SPEC_VERSION = "1.0";

	public static final String TENANT_EXTENSION = "tenantid";

	public CloudEventEnvelope withTenant(UUID tenant) {
		return new CloudEventEnvelope(this.id, this.source, this.type, this.subject, this.time, this.datacontenttype,
				this.data, tenant);
	}

	/** Kafka record key: one subject's facts share a partition and so stay ordered. */
	public String partitionKey() {
		return this.tenantId + "/" + ((this.subject != null && !this.subject.isEmpty()) ? this.subject : this.id);
	}

}
