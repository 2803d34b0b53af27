package io.herald.core.eventtype;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A tenant's registered kind of fact, optionally with a JSON Schema for its data.
 */
@Entity
@Table(name = "event_type")
public class EventType extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(nullable = false)
	private String name;

	private String description;

	@Column(name = "json_schema")
	private String jsonSchema;

	@Column(name = "sample_payload")
	private String samplePayload;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected EventType() {
	}

	public EventType(UUID tenantId, String name, String description, String jsonSchema, String samplePayload,
			Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.name = name;
		this.description = description;
		this.jsonSchema = jsonSchema;
		this.samplePayload = samplePayload;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	public void update(String description, String jsonSchema, String samplePayload, Instant at) {
		this.description = description;
		this.jsonSchema = jsonSchema;
		this.samplePayload = samplePayload;
		this.updatedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

	public String getJsonSchema() {
		return this.jsonSchema;
	}

	public String getSamplePayload() {
		return this.samplePayload;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
