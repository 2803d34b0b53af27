package io.herald.admin.security;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.herald.core.user.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in console user: the operator (no tenant) or a member of one tenant.
 *
 * @param username the login name
 * @param passwordHash the BCrypt hash
 * @param role the user's single role
 * @param tenantId the tenant the user belongs to, {@code null} for the operator
 * @param enabled whether the user may sign in
 * @param mustChangePassword whether the user signed in with a one-time password that they
 * must replace before anything else (decision 0085)
 */
public record ConsoleUser(String username, String passwordHash, Role role, UUID tenantId, boolean enabled,
		boolean mustChangePassword) implements UserDetails {

	/** The same user after they chose a new password. */
	ConsoleUser withChangedPassword(String newPasswordHash) {
		return new ConsoleUser(this.username, newPasswordHash, this.role, this.tenantId, this.enabled, false);
	}

	@Override
	public String toString() {
		return "ConsoleUser[username=" + this.username + ", role=" + this.role + ", tenantId=" + this.tenantId + "]";
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.role.name()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

}
