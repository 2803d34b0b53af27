package io.herald.core.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.tenant.TenantRepository;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users of tenants, the facade of the user feature: a new user gets a generated
 * one-time password that exists only in the returned {@link CreatedUser}; the database
 * keeps its BCrypt hash. Operators come from configuration, not from here.
 */
@Service
public class UserManagement {

	/** No 0/O, 1/l/I: the password is read off a screen and typed once. */
	private static final char[] PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
		.toCharArray();

	private static final int PASSWORD_LENGTH = 20;

	private static final int MAX_USERNAME = 200;

	private final AppUserRepository users;

	private final TenantRepository tenants;

	private final AuditLog audit;

	private final Clock clock;

	private final PasswordEncoder encoder = new BCryptPasswordEncoder();

	private final SecureRandom random = new SecureRandom();

	UserManagement(AppUserRepository users, TenantRepository tenants, AuditLog audit, Clock clock) {
		this.users = users;
		this.tenants = tenants;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Creates a member of the tenant with a one-time password.
	 * @throws IllegalArgumentException for a bad user name, a role that is not a tenant
	 * role or an unknown tenant
	 * @throws DuplicateUserException when the user name is taken
	 */
	@Transactional
	public CreatedUser create(UUID tenantId, String username, Role role, Actor actor) {
		String name = normalize(username);
		if (role == null || role == Role.OPERATOR) {
			throw new IllegalArgumentException("role must be TENANT_ADMIN or TENANT_VIEWER");
		}
		if (tenantId == null || !this.tenants.existsById(tenantId)) {
			throw new IllegalArgumentException("unknown tenant");
		}
		if (this.users.findByUsername(name).isPresent()) {
			throw new DuplicateUserException(name);
		}
		String password = newPassword();
		AppUser user = this.users
			.saveAndFlush(new AppUser(tenantId, name, this.encoder.encode(password), role, this.clock.instant()));
		this.audit.append(actor, tenantId, "user.created", "user", user.getId().toString(),
				Map.of("username", name, "role", role.name()));
		return new CreatedUser(view(user), password);
	}

	/** The tenant's users by name, or every tenant's when {@code tenantId} is empty. */
	@Transactional(readOnly = true)
	public List<UserView> list(Optional<UUID> tenantId) {
		List<AppUser> found = tenantId.map(this.users::findAllByTenantIdOrderByUsernameAsc)
			.orElseGet(this.users::findAllByOrderByUsernameAsc);
		return found.stream().map(UserManagement::view).toList();
	}

	/**
	 * A user name as stored and looked up: trimmed and lower-case, so that "Alice" and
	 * "alice" are one person.
	 * @throws IllegalArgumentException when it is empty, too long or has spaces or
	 * control characters
	 */
	public static String normalize(String username) {
		String name = (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
		if (name.length() < 3 || name.length() > MAX_USERNAME
				|| name.codePoints().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			throw new IllegalArgumentException("user name must be 3 to 200 characters without spaces");
		}
		return name;
	}

	private String newPassword() {
		StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
		for (int i = 0; i < PASSWORD_LENGTH; i++) {
			password.append(PASSWORD_ALPHABET[this.random.nextInt(PASSWORD_ALPHABET.length)]);
		}
		return password.toString();
	}

	private static UserView view(AppUser user) {
		return new UserView(user.getId(), user.getTenantId(), user.getUsername(), user.getRole(), user.isEnabled(),
				user.getCreatedAt());
	}

}
