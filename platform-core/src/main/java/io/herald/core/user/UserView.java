package io.herald.core.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A console user as shown to others: never the password hash.
 *
 * @param id the user id
 * @param tenantId the tenant the user belongs to
 * @param username the login name
 * @param role the user's role
 * @param enabled whether the user may sign in
 * @param createdAt when the user was created
 * @param mustChangePassword whether the user still has a one-time password to replace
 */
public record UserView(UUID id, UUID tenantId, String username, Role role, boolean enabled, Instant createdAt,
		boolean mustChangePassword) {

}
