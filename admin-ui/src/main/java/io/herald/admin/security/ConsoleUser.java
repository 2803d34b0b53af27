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
 */
public record ConsoleUser(String username, String passwordHash, Role role, UUID tenantId,
		boolean enabled) implements UserDetails {

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
