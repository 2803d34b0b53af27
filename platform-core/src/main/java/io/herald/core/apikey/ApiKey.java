package io.herald.core.apikey;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A tenant's API key: only the visible prefix and a keyed hash of the secret are stored.
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

	@Column(name = "hash_scheme", nullable = false)
	private String hashScheme;

	@Convert(converter = ApiKeyScopesConverter.class)
	@Column(nullable = false)
	private Set<ApiKeyScope> scopes;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "replaced_by")
	private UUID replacedBy;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected ApiKey() {
	}

	ApiKey(UUID tenantId, String name, Set<ApiKeyScope> scopes, Instant expiresAt, String prefix, String hashScheme,
			String secretHash, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.name = name;
		this.scopes = EnumSet.copyOf(scopes);
		this.expiresAt = expiresAt;
		this.prefix = prefix;
		this.hashScheme = hashScheme;
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

	String getHashScheme() {
		return this.hashScheme;
	}

	void rehash(String scheme, String hash) {
		this.hashScheme = scheme;
		this.secretHash = hash;
	}

	public Set<ApiKeyScope> getScopes() {
		return Set.copyOf(this.scopes);
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public UUID getReplacedBy() {
		return this.replacedBy;
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

	/** Neither revoked nor expired at {@code now}. */
	public boolean isUsableAt(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

	void revoke(Instant at) {
		this.revokedAt = at;
	}

	/**
	 * A rotation: this key keeps working until {@code until}, then {@code successor}
	 * alone.
	 */
	void replace(UUID successor, Instant until) {
		this.replacedBy = successor;
		if (this.expiresAt == null || until.isBefore(this.expiresAt)) {
			this.expiresAt = until;
		}
	}

}
