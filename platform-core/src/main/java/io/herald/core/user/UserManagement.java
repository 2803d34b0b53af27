package io.herald.core.user;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.error.NotFoundException;
import io.herald.core.tenant.TenantRepository;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users of tenants, the facade of the user feature: a new user gets a generated
 * one-time password that exists only in the returned {@link CreatedUser}; the database
 * keeps its BCrypt hash and that the user must change it at sign-in (decision 0085).
 * Operators come from configuration, not from here.
 */
@Service
public class UserManagement {

	/** No 0/O, 1/l/I: the password is read off a screen and typed once. */
	private static final char[] PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
		.toCharArray();

	private static final int PASSWORD_LENGTH = 20;

	private static final int MAX_USERNAME = 200;

	/** A password a user chooses has at least this many characters. */
	public static final int MIN_PASSWORD_LENGTH = 12;

	/**
	 * BCrypt reads no more than this many bytes; a longer password would be cut short.
	 */
	public static final int MAX_PASSWORD_BYTES = 72;

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
		String hash = this.encoder.encode(password);
		AppUser user = new AppUser(tenantId, name, hash, role, this.clock.instant());
		user.issueOneTimePassword(hash);
		user = this.users.saveAndFlush(user);
		this.audit.append(actor, tenantId, "user.created", "user", user.getId().toString(),
				Map.of("username", name, "role", role.name()));
		return new CreatedUser(view(user), password);
	}

	/**
	 * Replaces a user's password with one they chose, after checking their current one,
	 * and clears the need to change a one-time password. Nothing changes when it is
	 * refused.
	 * @throws NotFoundException when there is no such user in the caller's scope
	 */
	@Transactional
	public PasswordChange changePassword(String username, String currentPassword, String newPassword, Actor actor) {
		AppUser user = this.users.findByUsername(normalize(username)).orElseThrow(() -> new NotFoundException("User"));
		String chosen = (newPassword != null) ? newPassword : "";
		Optional<PasswordChange.Reason> refusal = refusal(user, currentPassword, chosen);
		if (refusal.isPresent()) {
			return new PasswordChange.Refused(refusal.get());
		}
		boolean oneTime = user.isMustChangePassword();
		String hash = this.encoder.encode(chosen);
		user.changePassword(hash);
		this.audit.append(actor, user.getTenantId(), "user.password-changed", "user", user.getId().toString(),
				Map.of("username", user.getUsername(), "replacedOneTimePassword", oneTime));
		return new PasswordChange.Changed(hash);
	}

	/**
	 * Gives a user a new one-time password, which they must replace at their next
	 * sign-in.
	 * @param tenantId the tenant in the caller's view, empty for an operator at all
	 * tenants
	 * @throws NotFoundException for an unknown user or one of another tenant
	 */
	@Transactional
	public PasswordReset resetPassword(UUID userId, Optional<UUID> tenantId, Actor actor) {
		AppUser user = this.users.findById(userId)
			.filter((found) -> tenantId.map((id) -> id.equals(found.getTenantId())).orElse(true))
			.orElseThrow(() -> new NotFoundException("User"));
		String password = newPassword();
		user.issueOneTimePassword(this.encoder.encode(password));
		this.audit.append(actor, user.getTenantId(), "user.password-reset", "user", user.getId().toString(),
				Map.of("username", user.getUsername()));
		return new PasswordReset(view(user), password);
	}

	private Optional<PasswordChange.Reason> refusal(AppUser user, String currentPassword, String chosen) {
		if (currentPassword == null || utf8Length(currentPassword) > MAX_PASSWORD_BYTES
				|| !this.encoder.matches(currentPassword, user.getPasswordHash())) {
			return Optional.of(PasswordChange.Reason.WRONG_CURRENT_PASSWORD);
		}
		if (chosen.codePointCount(0, chosen.length()) < MIN_PASSWORD_LENGTH) {
			return Optional.of(PasswordChange.Reason.TOO_SHORT);
		}
		if (utf8Length(chosen) > MAX_PASSWORD_BYTES) {
			return Optional.of(PasswordChange.Reason.TOO_LONG);
		}
		if (chosen.equals(currentPassword)) {
			return Optional.of(PasswordChange.Reason.SAME_AS_CURRENT);
		}
		return Optional.empty();
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
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
				user.getCreatedAt(), user.isMustChangePassword());
	}

}
