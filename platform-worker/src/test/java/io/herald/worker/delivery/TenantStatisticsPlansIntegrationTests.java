package io.herald.worker.delivery;

import java.sql.Connection;
import java.sql.ResultSet;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, decision 0092: the hot path's key lookups do not depend on what the planner
 * statistics know about a tenant. A tenant that arrived after the last {@code ANALYZE}
 * and has sent {@value #BURST} events since is looked up by its unique keys: the
 * reference checks of the fan-out and delivery inserts (changesets 089 and 090:
 * {@code notification -> event}, {@code event_fanout -> event},
 * {@code delivery_attempt -> notification}) read a handful of blocks per row, where a
 * walk of the tenant's rows through another index starting with {@code tenant_id} (what
 * PostgreSQL chose when the statistics said the tenant had one row) reads hundreds. And
 * the worker's connections plan each statement for its values, so no generic plan made
 * while the tables were small outlives them.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.delivery.dispatcher.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStatisticsPlansIntegrationTests {

	static final int BURST = 20_000;

	/** Rows per checked statement: few enough that a key probe each beats any scan. */
	static final int CHECKED = 50;

	/** A probe through a unique key: its index pages, the heap page, the lock. */
	static final int MAX_BLOCKS_PER_ROW = 8;

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
	void theReferenceChecksOfTheHotInsertsReadOnlyTheKeysForATenantTheStatisticsNeverSaw() throws SQLException {
		// the triggers of changeset 090 check a statement's rows with one join of its new
		// rows and the parents; the blocks each parent table (heap and indexes) was read
		// for, in this transaction, by the checks alone (the inserts read no parent)
		String tenant = this.newcomer.tenantId().toString();
		String subscription = this.newcomer.subscriptionId().toString();
		try (Connection db = TestServers.asOwner(jdbcUrl).getConnection(); Statement statement = db.createStatement()) {
			db.setAutoCommit(false);
			statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
			long events = blocksRead(statement, "event");
			statement.executeUpdate("""
					INSERT INTO event_fanout (tenant_id, event_id, subscription_id, channel, outcome, decided_at)
					SELECT '%s', 'newcomer-' || i, '%s', 'WEBHOOK', 'NOTIFIED', now()
					FROM generate_series(1, %d) i""".formatted(tenant, subscription, CHECKED));
			assertKeyReads("event_fanout -> event", blocksRead(statement, "event") - events);

			events = blocksRead(statement, "event");
			statement.executeUpdate("""
					INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
					    status, created_at, updated_at)
					SELECT gen_random_uuid(), '%s', 'newcomer-' || i, 'UserRegistered', '%s', 'WEBHOOK', 'second',
					    'PENDING', now(), now()
					FROM generate_series(1, %d) i""".formatted(tenant, subscription, CHECKED));
			assertKeyReads("notification -> event", blocksRead(statement, "event") - events);

			long notifications = blocksRead(statement, "notification");
			statement.executeUpdate("""
					INSERT INTO delivery_attempt (id, tenant_id, notification_id, attempt_number, started_at,
					    latency_ms, outcome)
					SELECT gen_random_uuid(), tenant_id, id, 1, now(), 5, 'SENT'
					FROM notification WHERE tenant_id = '%s' AND recipient = 'second'""".formatted(tenant));
			// the SELECT of the attempts' notifications reads the table too
			// (a walk of the rows it returns); the check adds a probe per row
			long attemptReads = blocksRead(statement, "notification") - notifications;
			assertThat(attemptReads).as("delivery_attempt -> notification: blocks for %d rows", CHECKED)
				.isLessThanOrEqualTo(2L * MAX_BLOCKS_PER_ROW * CHECKED);
			db.rollback();
		}
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

	private static void assertKeyReads(String reference, long blocks) {
		assertThat(blocks).as("%s: blocks read to check %d rows of a tenant with %,d rows", reference, CHECKED, BURST)
			.isLessThanOrEqualTo((long) MAX_BLOCKS_PER_ROW * CHECKED);
	}

	private static long blocksRead(Statement statement, String table) throws SQLException {
		try (ResultSet rows = statement.executeQuery("""
				SELECT sum(pg_stat_get_xact_blocks_fetched(c.oid)) FROM pg_class c
				WHERE c.oid = '%1$s'::regclass
				   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = '%1$s'::regclass)"""
			.formatted(table))) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
