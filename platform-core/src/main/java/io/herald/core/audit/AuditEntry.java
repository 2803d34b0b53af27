package io.herald.core.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One line of the append-only audit log (a database trigger refuses updates and deletes).
 */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_log_id")
	@SequenceGenerator(name = "audit_log_id", sequenceName = "audit_log_id_seq", allocationSize = 50)
	private Long id;

	@Column(name = "tenant_id")
	private UUID tenantId;

	@Enumerated(EnumType.STRING)
	@Column(name = "actor_type", nullable = false)
	private Actor.Type actorType;

	@Column(nullable = false)
	private String actor;

	@Column(nullable = false)
	private String action;

	@Column(name = "entity_type", nullable = false)
	private String entityType;

	@Column(name = "entity_id", nullable = false)
	private String entityId;

	private String details;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected AuditEntry() {
	}

	AuditEntry(UUID tenantId, Actor actor, String action, String entityType, String entityId, String details,
			Instant createdAt) {
		this.tenantId = tenantId;
		this.actorType = actor.type();
		this.actor = actor.name();
		this.action = action;
		this.entityType = entityType;
		this.entityId = entityId;
		this.details = details;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public Actor.Type getActorType() {
		return this.actorType;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public String getEntityType() {
		return this.entityType;
	}

	public String getEntityId() {
		return this.entityId;
	}

	public String getDetails() {
		return this.details;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
