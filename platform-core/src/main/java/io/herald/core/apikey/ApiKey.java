package io.herald.core.apikey;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A tenant's API key: only the visible prefix and a hash of the secret are stored.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String prefix;

	@Column(name = "secret_hash", nullable = false)
	private String secretHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected ApiKey() {
	}

	ApiKey(UUID tenantId, String name, String prefix, String secretHash, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.name = name;
		this.prefix = prefix;
		this.secretHash = secretHash;
		this.createdAt = createdAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getName() {
		return this.name;
	}

	public String getPrefix() {
		return this.prefix;
	}

	String getSecretHash() {
		return this.secretHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

	void revoke(Instant at) {
		this.revokedAt = at;
	}

}
