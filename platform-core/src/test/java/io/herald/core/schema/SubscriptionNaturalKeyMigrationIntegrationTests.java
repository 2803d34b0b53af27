package io.herald.core.schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.CoreTestApplication;
import io.herald.core.testing.TestServers;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changeset 079 (the natural key of subscriptions) on a database that already holds
 * duplicate subscriptions: it must not fail, must keep every row, and must mark all but
 * the oldest of each group.
 */
@SpringBootTest(classes = CoreTestApplication.class, properties = "spring.config.name=herald-core")
class SubscriptionNaturalKeyMigrationIntegrationTests {

	private static final String CHANGESET = "079-subscription-natural-key";

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
	}

	@Autowired
	TenantManagement tenants;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void existingDuplicatesAreMarkedAndTheKeyHoldsForNewRows() throws Exception {
		UUID tenant = this.tenants.create("m" + UUID.randomUUID().toString().substring(0, 8), "Migration", Actor.SYSTEM)
			.tenant()
			.getId();
		UUID type = UUID.randomUUID();
		this.jdbc.update("insert into event_type (id, tenant_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
				type, tenant, "UserRegistered", Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
		// the database as it was before 079
		this.jdbc.execute("drop index subscription_natural_key_uk");
		this.jdbc.execute("alter table subscription drop column duplicate_of");
		this.jdbc.update("delete from databasechangelog where id = ?", CHANGESET);
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		UUID oldest = subscription(tenant, type, "http://127.0.0.1/hook", base);
		UUID copy1 = subscription(tenant, type, "http://127.0.0.1/hook", base.plusSeconds(60));
		UUID copy2 = subscription(tenant, type, "http://127.0.0.1/hook", base.plusSeconds(120));
		UUID other = subscription(tenant, type, "http://127.0.0.1/other", base.plusSeconds(30));

		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(this.dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();

		assertThat(this.jdbc.queryForObject("select count(*) from databasechangelog where id = ?", Integer.class,
				CHANGESET))
			.isEqualTo(1);
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select id, duplicate_of, enabled from subscription where tenant_id = ? order by created_at", tenant);
		assertThat(rows).extracting((row) -> row.get("id")).containsExactly(oldest, other, copy1, copy2);
		assertThat(rows).extracting((row) -> row.get("duplicate_of")).containsExactly(null, null, oldest, oldest);
		assertThat(rows).extracting((row) -> row.get("enabled")).containsOnly(true);
		assertThatThrownBy(() -> subscription(tenant, type, "http://127.0.0.1/hook", Instant.now()))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> subscription(tenant, type, "http://127.0.0.1/other", Instant.now()))
			.isInstanceOf(DataIntegrityViolationException.class);
		subscription(tenant, type, "http://127.0.0.1/third", Instant.now());
	}

	private UUID subscription(UUID tenant, UUID type, String endpoint, Instant at) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into subscription (id, tenant_id, event_type_id, template_name, channel, endpoint,
				                          recipient_rule, enabled, created_at, updated_at)
				values (?, ?, ?, 'hook', 'WEBHOOK', ?, 'subject', true, ?, ?)""", id, tenant, type, endpoint,
				Timestamp.from(at), Timestamp.from(at));
		return id;
	}

}
