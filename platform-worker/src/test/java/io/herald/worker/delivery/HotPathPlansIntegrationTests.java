package io.herald.worker.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.herald.core.channel.Channel;
import io.herald.core.fanout.DecisionStatements;
import io.herald.core.replay.ReplayStatements;
import io.herald.core.support.ColumnArrays;
import io.herald.core.testing.TestServers;
import io.herald.worker.audit.AuditStatements;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import io.herald.worker.fanout.OutboxStatements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, "no query scans history": with {@value #HISTORY} finished events of another
 * tenant in the tables (each with its decision, a SENT notification, its attempt and its
 * audit entry) and a few live rows, every statement the worker runs per event or per
 * batch is planned without a sequential scan of a history table, both as a custom plan
 * for real values (executed with {@code EXPLAIN ANALYZE} in a transaction that is rolled
 * back, which also shows that no scan read and discarded the history) and as the generic
 * plan a prepared statement settles on ({@code EXPLAIN (GENERIC_PLAN)}). The statements
 * come from the classes that run them (OutboxClaims, DeliveryRecorder, Outbox,
 * FanOutDecisionLog, AuditRows, ReplayExecution), not from copies. The API's event ingest
 * touches no history table (it publishes to Kafka; dedupe is Redis plus the worker's
 * {@code ON CONFLICT} insert, explained here).
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.delivery.dispatcher.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotPathPlansIntegrationTests {

	static final int HISTORY = 200_000;

	private static final Set<String> HISTORY_TABLES = Set.of("event", "event_fanout", "notification",
			"delivery_attempt", "audit_log");

	private static final int ROWS = 100;

	private static final String HISTORY_FILL = """
			WITH e AS (
			    INSERT INTO event (tenant_id, event_id, type, source, subject, datacontenttype, data, received_at)
			    SELECT '%1$s', 'history-' || i, 'UserRegistered', '/history', 'history', 'application/json',
			        '{"order":"history"}', now() - interval '7 days' + i * interval '5 ms'
			    FROM generate_series(1, %3$d) i
			    RETURNING tenant_id, event_id, received_at),
			f AS (
			    INSERT INTO event_fanout (tenant_id, event_id, subscription_id, channel, outcome, decided_at)
			    SELECT tenant_id, event_id, '%2$s', 'WEBHOOK', 'NOTIFIED', received_at FROM e),
			n AS (
			    INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
			        address, subject, body, status, attempts, created_at, updated_at, sent_at)
			    SELECT gen_random_uuid(), tenant_id, event_id, 'UserRegistered', '%2$s', 'WEBHOOK', 'history',
			        'https://example.com/history', 'Welcome', 'Hello', 'SENT', 1, received_at, received_at, received_at
			    FROM e
			    RETURNING id, tenant_id, created_at),
			a AS (
			    INSERT INTO delivery_attempt (id, tenant_id, notification_id, attempt_number, series, started_at,
			        latency_ms, outcome, http_status)
			    SELECT gen_random_uuid(), tenant_id, id, 1, 1, created_at, 20, 'SENT', 204 FROM n)
			INSERT INTO audit_log (tenant_id, actor_type, actor, action, entity_type, entity_id, details, created_at)
			SELECT tenant_id, 'SYSTEM', 'herald', 'notification.sent', 'notification', id::text, '{"attempt":1}',
			    created_at
			FROM n""";

	private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");

	private static String jdbcUrl;

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	private Setup live;

	private List<UUID> due;

	private List<UUID> liveRows;

	private List<String> liveEvents;

	private final Map<String, Long> withoutHistory = new LinkedHashMap<>();

	private final UUID noJob = UUID.randomUUID();

	// EXPLAIN (GENERIC_PLAN) takes $1 placeholders without values: simple query protocol
	private DataSource simple;

	private boolean explainsGenericPlans;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		jdbcUrl = TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@BeforeAll
	void historyOfAnotherTenantAndAFewLiveRows() throws SQLException {
		Setup history = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/history");
		this.live = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/live");
		this.due = this.fixtures.queue(this.live, 5, (id) -> {
		}, false);
		List<UUID> sending = this.fixtures.queue(this.live, 2, (id) -> {
		}, false);
		this.jdbc
			.sql("UPDATE notification SET status = 'SENDING', attempts = 1, claimed_until = now() - interval '1 minute'"
					+ " WHERE id = ANY (CAST(:ids AS uuid[]))")
			.param("ids", uuidArray(sending))
			.update();
		this.liveRows = new ArrayList<>(this.due);
		this.liveRows.addAll(sending);
		this.liveEvents = this.jdbc.sql("SELECT event_id FROM event WHERE tenant_id = :tenant")
			.param("tenant", this.live.tenantId())
			.query(String.class)
			.list();
		this.simple = new DriverManagerDataSource(
				jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "preferQueryMode=simple",
				TestServers.DatabaseLogin.WORKER.role(), TestServers.DatabaseLogin.WORKER.role());
		this.explainsGenericPlans = this.jdbc.sql("SELECT current_setting('server_version_num')::int >= 160000")
			.query(Boolean.class)
			.single();
		DataSource owner = TestServers.asOwner(jdbcUrl);
		try (Connection db = owner.getConnection(); Statement statement = db.createStatement()) {
			statement.execute("ANALYZE");
			for (Hot hot : all()) {
				this.withoutHistory.put(hot.name(), buffers(explainAnalyze(hot)));
			}
			// the same rows as the bench's --history (platform-local HistoryFill)
			statement.executeUpdate(HISTORY_FILL.formatted(history.tenantId(), history.subscriptionId(), HISTORY));
			statement.execute("ANALYZE");
		}
	}

	@Test
	void theDispatchersClaimsAndLeaseRenewalReadOnlyLiveRows() {
		claims().forEach(this::assertFlat);
	}

	@Test
	void recordingABatchOfOutcomesTouchesOnlyItsOwnRows() {
		recording().forEach(this::assertFlat);
	}

	@Test
	void theFanOutTransactionsInsertsAndConflictChecksUseKeys() {
		fanOut().forEach(this::assertFlat);
	}

	@Test
	void aReplayJobsChunkReadsOnlyItsItems() {
		replay().forEach(this::assertFlat);
	}

	private List<Hot> all() {
		List<Hot> all = new ArrayList<>(claims());
		all.addAll(recording());
		all.addAll(fanOut());
		all.addAll(replay());
		return all;
	}

	private List<Hot> claims() {
		return List.of(
				Hot.named("OutboxClaims.CLAIM_DUE", OutboxClaims.CLAIM_DUE,
						Map.of("batch", ROWS, "leaseMs", 30_000L, "saturated", "{}"), this.liveRows.size()),
				Hot.named("OutboxClaims.CLAIM_HANDED_OFF", OutboxClaims.CLAIM_HANDED_OFF,
						Map.of("ids", uuidArray(this.due), "leaseMs", 30_000L), this.due.size()),
				Hot.named("OutboxClaims.EXTEND", OutboxClaims.EXTEND,
						Map.of("ids", uuidArray(this.due), "leaseMs", 30_000L), this.due.size()),
				Hot.named("OutboxClaims.RELEASE", OutboxClaims.RELEASE, Map.of("ids", uuidArray(this.due)),
						this.due.size()),
				Hot.named("OutboxClaims.CLAIM_EXPIRED", OutboxClaims.CLAIM_EXPIRED,
						Map.of("batch", ROWS, "leaseMs", 30_000L), this.liveRows.size()));
	}

	private List<Hot> recording() {
		ColumnArrays settle = new ColumnArrays(DeliveryRecorder.SETTLE_COLUMNS, ROWS);
		ColumnArrays attempts = new ColumnArrays(DeliveryRecorder.ATTEMPT_COLUMNS, ROWS);
		ColumnArrays audit = new ColumnArrays(8, ROWS);
		for (int i = 0; i < ROWS; i++) {
			UUID id = (i < this.due.size()) ? this.due.get(i) : UUID.randomUUID();
			UUID attempted = this.liveRows.get(i % this.liveRows.size());
			settle.row().add(id).add(1).add("SENT").add(null).add(-1L);
			attempts.row()
				.add(UUID.randomUUID())
				.add(this.live.tenantId())
				.add(attempted)
				.add(1000 + i)
				.add(1)
				.add(Instant.now())
				.add(12L)
				.add("SENT")
				.add(204)
				.add(null)
				.add(null);
			audit.row()
				.add(this.live.tenantId())
				.add("SYSTEM")
				.add("herald")
				.add("notification.sent")
				.add("notification")
				.add(attempted)
				.add("{\"attempt\":1}")
				.add(Instant.now());
		}
		return List.of(
				new Hot("DeliveryRecorder settle (UPDATE … FROM unnest)", DeliveryRecorder.SETTLE, settle.parameters(),
						ROWS),
				new Hot("DeliveryRecorder attempt insert", DeliveryRecorder.INSERT_ATTEMPTS, attempts.parameters(),
						ROWS),
				new Hot("AuditRows insert", AuditStatements.insert(), audit.parameters(), ROWS));
	}

	private List<Hot> fanOut() {
		ColumnArrays events = new ColumnArrays(9, ROWS);
		ColumnArrays notifications = new ColumnArrays(18, ROWS);
		ColumnArrays decisions = new ColumnArrays(8, ROWS);
		for (int i = 0; i < ROWS; i++) {
			// every event repeats a stored one (a redelivery: the conflict lookup); the
			// notifications and decisions need a stored event
			String eventId = this.liveEvents.get(i % this.liveEvents.size());
			Instant now = Instant.now();
			events.row()
				.add(this.live.tenantId())
				.add(eventId)
				.add("UserRegistered")
				.add("/test")
				.add("user-1")
				.add(now)
				.add("application/json")
				.add("{}")
				.add(now);
			notifications.row()
				.add(UUID.randomUUID())
				.add(this.live.tenantId())
				.add(eventId)
				.add("UserRegistered")
				.add(this.live.subscriptionId())
				.add("WEBHOOK")
				.add("user-" + i)
				.add("https://example.com/live")
				.add(null)
				.add(null)
				.add("Welcome")
				.add("Hello")
				.add((i % 2 == 0) ? "PENDING" : "SENDING")
				.add(null)
				// every other row created claimed (decision 0105): leased for 5 minutes
				.add((i % 2 == 0) ? null : 300_000)
				.add(now)
				.add(now)
				.add(now);
			decisions.row()
				.add(this.live.tenantId())
				.add(eventId)
				.add(this.live.subscriptionId())
				.add("WEBHOOK")
				.add("NOTIFIED")
				.add(null)
				.add(now)
				.add(null);
		}
		return List.of(
				new Hot("Outbox event insert (ON CONFLICT DO NOTHING)", OutboxStatements.storeEvents(),
						events.parameters(), ROWS),
				new Hot("Outbox notification insert (ON CONFLICT DO NOTHING)", OutboxStatements.insertNotifications(),
						notifications.parameters(), ROWS),
				new Hot("FanOutDecisionLog insert", DecisionStatements.insert(), decisions.parameters(), ROWS),
				new Hot("Outbox send targets", OutboxStatements.sendTargets(),
						List.of((Object) new String[] { this.live.subscriptionId().toString() }), 1));
	}

	private List<Hot> replay() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("jobId", this.noJob);
		params.put("limit", ROWS);
		params.put("newMessageId", false);
		return List.of(Hot.named("ReplayExecution.REQUEUE_CHUNK", ReplayStatements.requeueChunk(), params, 0));
	}

	/**
	 * The statement's plans read no history table sequentially, and running it with the
	 * history in place touches about as many buffers as without it: at most a few more
	 * per key lookup (an index over the history is a level or two deeper), where a scan
	 * over it would add thousands.
	 */
	private void assertFlat(Hot hot) {
		JsonNode custom = explainAnalyze(hot);
		assertThat(historyScans(custom)).as(hot.name() + " (custom plan, executed):%n%s", custom).isEmpty();
		long before = this.withoutHistory.get(hot.name());
		assertThat(buffers(custom))
			.as("%s: buffers touched with %,d history rows vs none (%d)%n%s", hot.name(), HISTORY, before, custom)
			.isLessThanOrEqualTo(3 * before + 5L * hot.lookups() + 50);
		if (!this.explainsGenericPlans) {
			// EXPLAIN (GENERIC_PLAN) came with PostgreSQL 16 (the machine's server may be
			// older: README, "Tests against the machine's servers"); the embedded one is
			// 17
			return;
		}
		StringBuilder numbered = new StringBuilder();
		int n = 0;
		for (char c : hot.sql().toCharArray()) {
			numbered.append((c == '?') ? "$" + (++n) : String.valueOf(c));
		}
		JsonNode generic = this.json.readTree(JdbcClient.create(this.simple)
			.sql("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + numbered)
			.query(String.class)
			.single());
		assertThat(historyScans(generic)).as(hot.name() + " (generic plan):%n%s", generic).isEmpty();
	}

	/** Runs the statement under EXPLAIN ANALYZE in a transaction that is rolled back. */
	private JsonNode explainAnalyze(Hot hot) {
		return this.transactions.execute((status) -> {
			status.setRollbackOnly();
			return this.json.readTree(this.jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + hot.sql())
				.params(hot.params())
				.query(String.class)
				.single());
		});
	}

	private static long buffers(JsonNode explain) {
		JsonNode plan = explain.get(0).get("Plan");
		return plan.path("Shared Hit Blocks").asLong(0) + plan.path("Shared Read Blocks").asLong(0);
	}

	/** The history tables that a node of the plan reads sequentially. */
	private static List<String> historyScans(JsonNode explain) {
		List<String> scans = new ArrayList<>();
		walk(explain.get(0).get("Plan"), (node) -> {
			String relation = node.path("Relation Name").asString("");
			if (node.path("Node Type").asString("").equals("Seq Scan") && HISTORY_TABLES.contains(relation)) {
				scans.add(relation);
			}
		});
		return scans;
	}

	private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
		visit.accept(node);
		for (JsonNode child : node.path("Plans")) {
			walk(child, visit);
		}
	}

	private static String uuidArray(List<UUID> ids) {
		return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
	}

	/**
	 * A hot-path statement with positional parameters and a value for each.
	 *
	 * @param lookups the rows it may look up by key (each an index descent that gets a
	 * level or two deeper as the tables grow)
	 */
	record Hot(String name, String sql, List<Object> params, int lookups) {

		Hot {
			assertThat(params).as(name + ": a value per parameter")
				.hasSize((int) sql.chars().filter((c) -> c == '?').count());
		}

		/** From a statement with named parameters, as JdbcClient runs it. */
		static Hot named(String name, String sql, Map<String, ?> values, int lookups) {
			List<Object> positional = new ArrayList<>();
			Matcher matcher = NAMED.matcher(sql);
			StringBuilder questionMarks = new StringBuilder();
			while (matcher.find()) {
				positional.add(values.get(matcher.group(1)));
				matcher.appendReplacement(questionMarks, "?");
			}
			matcher.appendTail(questionMarks);
			return new Hot(name, questionMarks.toString(), positional, lookups);
		}

	}

}
