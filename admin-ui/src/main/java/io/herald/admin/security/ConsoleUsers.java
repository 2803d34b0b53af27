package io.herald.admin.security;

import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.tenant.RowSecurity;
import io.herald.core.user.AppUser;
import io.herald.core.user.AppUserRepository;
import io.herald.core.user.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Finds console users: the operator from configuration first, then the {@code app_user}
 * table.
 */
class ConsoleUsers implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);

	private final ConsoleUser operator;

	private final AppUserRepository users;

	ConsoleUsers(HeraldCoreProperties.Operator operator, PasswordEncoder encoder, AppUserRepository users) {
		this.users = users;
		if (operator.enabled()) {
			this.operator = new ConsoleUser(operator.username(), encoder.encode(operator.password()), Role.OPERATOR,
					null, true, false);
		}
		else {
			this.operator = null;
			log.warn("herald.operator.password is not set: operator login to the console is disabled");
		}
	}

	boolean operatorLoginEnabled() {
		return this.operator != null;
	}

	/** Users of every tenant sign in here: the lookup crosses tenants (decision 0074). */
	@Override
	public UserDetails loadUserByUsername(String username) {
		if (this.operator != null && this.operator.username().equals(username)) {
			return this.operator;
		}
		String stored = (username != null) ? username.strip().toLowerCase(java.util.Locale.ROOT) : "";
		return RowSecurity.acrossTenants("console sign-in", () -> this.users.findByUsername(stored))
			.map(ConsoleUsers::toConsoleUser)
			.orElseThrow(() -> new UsernameNotFoundException("No such console user"));
	}

	private static ConsoleUser toConsoleUser(AppUser user) {
		return new ConsoleUser(user.getUsername(), user.getPasswordHash(), user.getRole(), user.getTenantId(),
				user.isEnabled(), user.isMustChangePassword());
	}

}
