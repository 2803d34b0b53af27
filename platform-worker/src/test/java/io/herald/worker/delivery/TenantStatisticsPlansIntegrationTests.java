package io.herald.worker.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.core.channel.Channel;
import io.herald.core.testing.TestServers;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, decision 0092: the hot path's key lookups do not depend on what the planner
 * statistics know about a tenant. A tenant that arrived after the last {@code ANALYZE}
 * and has sent {@value #BURST} events since is looked up by its unique keys: the
 * foreign-key probes of the fan-out and delivery inserts (the statements PostgreSQL runs
 * for {@code notification -> event}, {@code event_fanout -> event},
 * {@code delivery_attempt -> notification}, {@code notification -> subscription}) each
 * read a handful of buffers, where a walk of the tenant's rows through another index
 * starting with {@code tenant_id} (what PostgreSQL chose when the statistics said the
 * tenant had one row) reads hundreds. And the worker's connections plan each statement
 * for its values, so no generic plan made while the tables were small outlives them.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.delivery.dispatcher.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStatisticsPlansIntegrationTests {

	static final int BURST = 20_000;

	private static final String FILL = """
			WITH e AS (
			    INSERT INTO event (tenant_id, event_id, type, source, subject, datacontenttype, data, received_at)
			    SELECT '%1$s', '%3$s-' || i, 'UserRegistered', '/burst', 'burst', 'application/json', '{}',
			        now() - interval '1 hour' + i * interval '1 ms'
			    FROM generate_series(1, %4$d) i
			    RETURNING tenant_id, event_id, received_at)
			INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
			    address, subject, body, status, attempts, next_attempt_at, created_at, updated_at)
			SELECT gen_random_uuid(), tenant_id, event_id, 'UserRegistered', '%2$s', 'WEBHOOK', 'r', 'https://example.com',
			    'Welcome', 'Hello', (ARRAY['PENDING', 'SENT', 'DEAD'])[1 + length(event_id) %% 3], 0, received_at,
			    received_at, received_at
			FROM e""";

	private static String jdbcUrl;

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private Setup newcomer;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		jdbcUrl = TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	/**
	 * One tenant's rows analysed, then a tenant the statistics never saw sends a burst.
	 */
	@BeforeAll
	void aTenantTheStatisticsNeverSaw() throws SQLException {
		Setup known = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/known");
		this.newcomer = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/newcomer");
		DataSource owner = TestServers.asOwner(jdbcUrl);
		try (Connection db = owner.getConnection(); Statement statement = db.createStatement()) {
			statement.executeUpdate(FILL.formatted(known.tenantId(), known.subscriptionId(), "known", BURST));
			statement.execute("ANALYZE");
			statement.executeUpdate(
					FILL.formatted(this.newcomer.tenantId(), this.newcomer.subscriptionId(), "newcomer", BURST));
		}
	}

	@Test
	void noTenantIdColumnHasPlannerStatistics() {
		List<String> withStatistics = this.jdbc.sql("""
				SELECT c.relname FROM pg_attribute a
				JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
				WHERE a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
				  AND s.nspname = current_schema() AND COALESCE(a.attstattarget, -1) <> 0
				ORDER BY 1""").query(String.class).list();
		assertThat(withStatistics).as("tables whose tenant_id ANALYZE samples (changeset 086)").isEmpty();
	}

	@Test
	void theForeignKeyProbesOfTheHotInsertsReadOnlyTheKeyForATenantTheStatisticsNeverSaw() {
		String eventId = "newcomer-" + (BURST / 2);
		UUID notificationId = this.jdbc
			.sql("SELECT id FROM notification WHERE tenant_id = :tenant AND event_id = :event")
			.param("tenant", this.newcomer.tenantId())
			.param("event", eventId)
			.query(UUID.class)
			.single();
		// the statements PostgreSQL's referential-integrity triggers run (ri_triggers.c)
		assertKeyProbe("notification/event_fanout -> event",
				"SELECT 1 FROM ONLY public.event x WHERE tenant_id = '%s'::uuid AND event_id::text = '%s'::text FOR KEY SHARE OF x"
					.formatted(this.newcomer.tenantId(), eventId));
		assertKeyProbe("delivery_attempt -> notification",
				"SELECT 1 FROM ONLY public.notification x WHERE tenant_id = '%s'::uuid AND id = '%s'::uuid FOR KEY SHARE OF x"
					.formatted(this.newcomer.tenantId(), notificationId));
		assertKeyProbe("notification -> subscription",
				"SELECT 1 FROM ONLY public.subscription x WHERE tenant_id = '%s'::uuid AND id = '%s'::uuid FOR KEY SHARE OF x"
					.formatted(this.newcomer.tenantId(), this.newcomer.subscriptionId()));
	}

	@Test
	void theOutboxIsVacuumedLikeAQueue() {
		List<String> options = this.jdbc
			.sql("SELECT unnest(reloptions) FROM pg_class WHERE oid = 'notification'::regclass ORDER BY 1")
			.query(String.class)
			.list();
		assertThat(options).as("changeset 087")
			.contains("autovacuum_vacuum_scale_factor=0", "autovacuum_vacuum_threshold=2000",
					"autovacuum_analyze_scale_factor=0", "autovacuum_analyze_threshold=20000");
	}

	@Test
	void theWorkersConnectionsPlanEachStatementForItsValues() {
		assertThat(this.jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

	private void assertKeyProbe(String name, String sql) {
		JsonNode explain = this.json
			.readTree(this.jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql).query(String.class).single());
		JsonNode plan = explain.get(0).get("Plan");
		long buffers = plan.path("Shared Hit Blocks").asLong(0) + plan.path("Shared Read Blocks").asLong(0);
		assertThat(plan.path("Actual Rows").asLong()).as(name + " finds its row").isOne();
		assertThat(buffers).as("%s: buffers read for one probe with %,d rows of the tenant%n%s", name, BURST, explain)
			.isLessThanOrEqualTo(12);
	}

}
