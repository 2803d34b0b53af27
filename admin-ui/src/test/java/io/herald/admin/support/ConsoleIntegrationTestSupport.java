package io.herald.admin.support;

import java.time.Instant;
import java.util.UUID;

import io.herald.admin.HeraldAdminApplication;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.FixturesAcrossTenants;
import io.herald.core.testing.TestServers;
import io.herald.core.testing.TestServers.DatabaseLogin;
import io.herald.core.user.AppUser;
import io.herald.core.user.AppUserRepository;
import io.herald.core.user.Role;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console on a random port over a fresh database of the shared real PostgreSQL; every
 * test class of admin-ui shares this one Spring context. Tests make their own tenants and
 * users with unique names, so they do not depend on each other's rows.
 */
@ExtendWith(FixturesAcrossTenants.class)
@SpringBootTest(classes = HeraldAdminApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=herald-core,herald-admin", "herald.operator.username=root",
				"herald.operator.password=correct-horse",
				// every test comes from 127.0.0.1: the per-address limit is proved by
				// LoginThrottleTests
				"herald.console.login.max-failures-per-address=1000" })
public abstract class ConsoleIntegrationTestSupport {

	protected static final String OPERATOR = "root";

	protected static final String OPERATOR_PASSWORD = "correct-horse";

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, DatabaseLogin.APP);
		// the dead-letter page reads a real topic; nothing connects before it is used
		TestServers.registerKafka(registry);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected TenantManagement tenants;

	@Autowired
	protected AppUserRepository users;

	@Autowired
	protected PasswordEncoder passwordEncoder;

	protected ConsoleClient client() {
		return new ConsoleClient(this.port);
	}

	protected ConsoleClient operator() {
		return client().signedIn(OPERATOR, OPERATOR_PASSWORD);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected CreatedTenant newTenant(String name) {
		return this.tenants.create(unique("t"), name, Actor.SYSTEM);
	}

	/** A user of the tenant whose password is its user name reversed plus "-pw". */
	protected String newUser(CreatedTenant tenant, Role role) {
		String username = unique(role.name().toLowerCase()) + "@example.com";
		this.users.save(new AppUser(tenant.tenant().getId(), username, this.passwordEncoder.encode(password(username)),
				role, Instant.now()));
		return username;
	}

	protected static String password(String username) {
		return new StringBuilder(username).reverse() + "-pw";
	}

	protected ConsoleClient signedIn(String username) {
		return client().signedIn(username, password(username));
	}

}
