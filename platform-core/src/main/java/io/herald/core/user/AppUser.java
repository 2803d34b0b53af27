package io.herald.core.user;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * A console user: an operator (no tenant) or a member of one tenant. Passwords are BCrypt
 * hashes; a one-time password carries {@code mustChangePassword} until the user replaced
 * it (decision 0085).
 */
@Entity
@Table(name = "app_user")
public class AppUser extends AssignedIdEntity {

	@Column(name = "tenant_id")
	private UUID tenantId;

	@Column(nullable = false)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Role role;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "must_change_password", nullable = false)
	private boolean mustChangePassword;

	protected AppUser() {
	}

	public AppUser(UUID tenantId, String username, String passwordHash, Role role, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
		this.createdAt = createdAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/** Whether the password is a one-time password that the user must replace first. */
	public boolean isMustChangePassword() {
		return this.mustChangePassword;
	}

	/** Gives the user a one-time password (a hash): they must replace it at sign-in. */
	void issueOneTimePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.mustChangePassword = true;
	}

	/** The user's own choice replaces their password (a hash). */
	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.mustChangePassword = false;
	}

}
