package io.herald.worker.retention;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.TenantManagement;
import io.herald.worker.retention.RetentionBatches.Batch;
import io.herald.worker.retention.RetentionBatches.EventCursor;
import io.herald.worker.retention.RetentionBatches.NotificationCursor;
import io.herald.core.testing.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against real PostgreSQL, connected as {@code herald_worker} (the worker's
 * role, which bypasses row-level security and owns nothing). The runner of the context is
 * disabled; each test runs passes and batches itself with the default ages (30 days for
 * events and finished notifications, 90 days for FAILED and DEAD), so fixtures are 100
 * days old (gone), 60 days old (gone if finished, kept if DEAD) or 1 day old (kept).
 * Tests share one database, so a test that counts a whole batch first drains what older
 * tests left.
 */
@SpringBootTest(classes = RetentionTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.retention.enabled=false" })
class RetentionIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Clock clock;

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	SubscriptionRepository subscriptions;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@Test
	void oldFinishedNotificationsGoWithTheirAttemptsAndEventsWhileEverythingElseStays() {
		Fixture f = new Fixture();
		UUID sentOld = f.notification(f.event(100), "SENT", 100);
		f.attempt(sentOld, 1);
		f.attempt(sentOld, 2);
		f.sandbox(sentOld);
		String sentOldEvent = f.eventOf(sentOld);
		f.fanout(sentOldEvent);
		UUID sentYoung = f.notification(f.event(100), "SENT", 1);
		f.attempt(sentYoung, 1);
		UUID pending = f.notification(f.event(100), "PENDING", 100);
		UUID retrying = f.notification(f.event(100), "RETRYING", 100);
		UUID sending = f.notification(f.event(100), "SENDING", 100);
		UUID suppressed = f.notification(f.event(100), "SUPPRESSED", 60);
		UUID failedOld = f.notification(f.event(100), "FAILED", 100);
		UUID deadOld = f.notification(f.event(100), "DEAD", 100);
		f.attempt(deadOld, 1);
		UUID deadYounger = f.notification(f.event(100), "DEAD", 60);
		String filteredOld = f.event(100);
		f.fanout(filteredOld);
		String youngEvent = f.event(1);
		for (UUID id : List.of(sentOld, deadOld, pending)) {
			f.audit("notification", id.toString());
		}
		f.audit("event", sentOldEvent);
		long audit = auditRows();
		double notificationsCounted = deletedCounter("notification");
		double attemptsCounted = deletedCounter("delivery_attempt");

		Deleted pass = runner(defaults(true, 1000)).runPass();

		assertThat(f.notifications()).containsExactlyInAnyOrder(sentYoung, pending, retrying, sending, deadYounger);
		assertThat(f.attemptsOf(sentOld)).isZero();
		assertThat(f.attemptsOf(deadOld)).isZero();
		assertThat(f.attemptsOf(sentYoung)).isOne();
		assertThat(f.events()).containsExactlyInAnyOrder(f.eventOf(sentYoung), f.eventOf(pending), f.eventOf(retrying),
				f.eventOf(sending), f.eventOf(deadYounger), youngEvent);
		assertThat(f.events()).doesNotContain(sentOldEvent, filteredOld, f.eventOf(suppressed), f.eventOf(failedOld));
		assertThat(count("SELECT count(*) FROM event_fanout WHERE tenant_id = :t", f.tenant)).isZero();
		assertThat(count("SELECT count(*) FROM sandbox_message WHERE tenant_id = :t", f.tenant)).isZero();
		assertThat(pass.notifications()).isGreaterThanOrEqualTo(4);
		assertThat(pass.events()).isGreaterThanOrEqualTo(5);
		assertThat(auditRows()).isEqualTo(audit);
		assertThat(count("SELECT count(*) FROM audit_log WHERE tenant_id = :t AND entity_id IN ('" + sentOld + "', '"
				+ deadOld + "', '" + sentOldEvent + "')", f.tenant))
			.isEqualTo(3);
		assertThat(deletedCounter("notification") - notificationsCounted).isEqualTo(pass.notifications());
		assertThat(deletedCounter("delivery_attempt") - attemptsCounted).isEqualTo(pass.attempts());

		runner(defaults(true, 1000)).runPass();
		assertThat(f.notifications()).containsExactlyInAnyOrder(sentYoung, pending, retrying, sending, deadYounger);
	}

	@Test
	void deadRowsAndEventsThatARunningReplayJobSelectedStayUntilTheJobEnds() {
		Fixture f = new Fixture();
		UUID selected = f.notification(f.event(100), "DEAD", 100);
		UUID replayedBefore = f.notification(f.event(100), "DEAD", 100);
		String backfilling = f.event(100);
		UUID running = f.replayJob("RUNNING");
		UUID finished = f.replayJob("SUCCEEDED");
		f.replayItem(running, selected);
		f.replayItem(finished, replayedBefore);
		f.backfillItem(running, backfilling);

		runner(defaults(true, 1000)).runPass();

		assertThat(f.notifications()).containsExactly(selected);
		assertThat(f.events()).containsExactlyInAnyOrder(f.eventOf(selected), backfilling);
		assertThat(count("SELECT count(*) FROM replay_job_item WHERE job_id = :t", finished)).isZero();

		this.jdbc.sql("UPDATE replay_job SET status = 'SUCCEEDED' WHERE id = :id").param("id", running).update();
		runner(defaults(true, 1000)).runPass();

		assertThat(f.notifications()).isEmpty();
		assertThat(f.events()).isEmpty();
	}

	@Test
	void eachBatchDeletesAtMostTheBatchSizeAndAPassGoesOnUntilNothingOldIsLeft() {
		RetentionBatches batches = new RetentionBatches(this.jdbc, this.transactions);
		runner(defaults(true, 1000)).runPass();
		Fixture f = new Fixture();
		for (int i = 0; i < 7; i++) {
			f.notification(f.event(100), "SENT", 100);
		}
		Instant cutoff = this.clock.instant().minus(Duration.ofDays(30));

		List<Batch<NotificationCursor>> notificationBatches = new ArrayList<>();
		NotificationCursor afterNotification = NotificationCursor.START;
		do {
			notificationBatches
				.add(batches.notifications(NotificationStatus.SENT, cutoff, afterNotification, 3).orElseThrow());
			afterNotification = notificationBatches.getLast().next();
		}
		while (notificationBatches.getLast().scanned() == 3);
		List<Batch<EventCursor>> eventBatches = new ArrayList<>();
		EventCursor afterEvent = EventCursor.START;
		do {
			eventBatches.add(batches.events(cutoff, afterEvent, 3).orElseThrow());
			afterEvent = eventBatches.getLast().next();
		}
		while (eventBatches.getLast().scanned() == 3);

		assertThat(notificationBatches).extracting((batch) -> batch.deleted().notifications())
			.containsExactly(3L, 3L, 1L);
		// other tests' old events that must stay are walked too: each batch walks 3 at
		// most
		assertThat(eventBatches).allSatisfy((batch) -> {
			assertThat(batch.scanned()).isLessThanOrEqualTo(3);
			assertThat(batch.deleted().events()).isLessThanOrEqualTo(batch.scanned());
		});
		assertThat(eventBatches).hasSizeGreaterThanOrEqualTo(3);
		assertThat(eventBatches.stream().mapToLong((batch) -> batch.deleted().events()).sum()).isEqualTo(7);
		assertThat(f.notifications()).isEmpty();
		assertThat(f.events()).isEmpty();

		Fixture more = new Fixture();
		for (int i = 0; i < 7; i++) {
			more.notification(more.event(100), "FAILED", 100);
		}
		Deleted pass = runner(defaults(true, 3)).runPass();

		assertThat(pass.notifications()).isEqualTo(7);
		assertThat(pass.events()).isEqualTo(7);
		assertThat(more.notifications()).isEmpty();
		assertThat(more.events()).isEmpty();
	}

	@Test
	void disabledRetentionDeletesNothing() {
		Fixture f = new Fixture();
		UUID sentOld = f.notification(f.event(100), "SENT", 100);
		String eventOld = f.event(100);

		Deleted pass = runner(defaults(false, 1000)).runPass();

		assertThat(pass).isEqualTo(Deleted.NONE);
		assertThat(f.notifications()).containsExactly(sentOld);
		assertThat(f.events()).contains(f.eventOf(sentOld), eventOld);
	}

	@Test
	void whileAnotherWorkerHoldsTheRetentionLockNothingIsDeleted() throws Exception {
		Fixture f = new Fixture();
		UUID sentOld = f.notification(f.event(100), "SENT", 100);
		RetentionBatches batches = new RetentionBatches(this.jdbc, this.transactions);
		try (Connection other = this.dataSource.getConnection(); Statement statement = other.createStatement()) {
			other.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('herald.retention', 0))");

			Optional<Batch<NotificationCursor>> batch = batches.notifications(NotificationStatus.SENT,
					this.clock.instant(), NotificationCursor.START, 1000);
			Deleted pass = runner(defaults(true, 1000)).runPass();

			assertThat(batch).isEmpty();
			assertThat(pass).isEqualTo(Deleted.NONE);
			assertThat(f.notifications()).containsExactly(sentOld);
			other.rollback();
		}
		runner(defaults(true, 1000)).runPass();
		assertThat(f.notifications()).isEmpty();
	}

	@Test
	void theWorkerRoleDeletesAndEveryRetentionStatementIsServedByIndexes() {
		assertThat(this.jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("herald_worker");
		String notifications = literals(RetentionBatches.NOTIFICATIONS.formatted("SENT"));
		String events = literals(RetentionBatches.EVENTS);

		assertThat(plan(notifications)).doesNotContain("Seq Scan")
			.contains("notification_finished_idx", "replay_job_item_notification_idx");
		assertThat(plan(events)).doesNotContain("Seq Scan")
			.contains("event_received_idx", "replay_job_event_event_idx");
	}

	/**
	 * The plan with sequential scans priced out: a Seq Scan left in it means no index can
	 * answer that part, which would read the table's whole history.
	 */
	private String plan(String statement) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			return String.join("\n", this.jdbc.sql("EXPLAIN " + statement).query(String.class).list());
		});
	}

	/** The statement with its parameters written in, for EXPLAIN. */
	private static String literals(String statement) {
		String none = "'" + new UUID(0, 0) + "'::uuid";
		return statement.replace(":cutoff", "now() - interval '30 days'")
			.replace(":afterAt", "'1970-01-01T00:00:00Z'::timestamptz")
			.replace(":afterId", none)
			.replace(":afterTenant", none)
			.replace(":afterEvent", "''")
			.replace(":limit", "1000");
	}

	private RetentionRunner runner(RetentionProperties properties) {
		return new RetentionRunner(properties, new RetentionBatches(this.jdbc, this.transactions), this.clock,
				this.meters);
	}

	private static RetentionProperties defaults(boolean enabled, int batchSize) {
		return new RetentionProperties(enabled, Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(90),
				batchSize, Duration.ofMinutes(10));
	}

	private double deletedCounter(String table) {
		return this.meters.get("herald.retention.deleted").tag("table", table).counter().count();
	}

	private long auditRows() {
		return this.jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
	}

	private long count(String sql, UUID param) {
		return this.jdbc.sql(sql).param("t", param).query(Long.class).single();
	}

	/** One tenant's rows, written as the worker would leave them, at chosen ages. */
	private final class Fixture {

		final UUID tenant;

		final UUID subscription;

		private final Map<UUID, String> eventIds = new HashMap<>();

		private int sequence;

		Fixture() {
			Instant now = RetentionIntegrationTests.this.clock.instant();
			this.tenant = RetentionIntegrationTests.this.tenants
				.create("t-" + UUID.randomUUID().toString().substring(0, 8), "Test", Actor.SYSTEM)
				.tenant()
				.getId();
			EventType type = RetentionIntegrationTests.this.eventTypes
				.save(new EventType(this.tenant, "UserRegistered", null, null, null, now));
			this.subscription = RetentionIntegrationTests.this.subscriptions
				.save(new Subscription(this.tenant, type.getId(), "welcome", Channel.WEBHOOK, "http://127.0.0.1:9/h",
						null, null, null, true, now))
				.getId();
		}

		String event(int daysOld) {
			String id = "evt-" + (++this.sequence) + "-" + UUID.randomUUID();
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO event (tenant_id, event_id, type, source, subject, data, received_at)
					VALUES (:t, :id, 'UserRegistered', '/test', 'user-1', '{}', :at)""")
				.param("t", this.tenant)
				.param("id", id)
				.param("at", ago(daysOld))
				.update();
			return id;
		}

		UUID notification(String eventId, String status, int daysOld) {
			UUID id = UUID.randomUUID();
			RetentionIntegrationTests.this.jdbc
				.sql("""
						INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel,
						    recipient, address, status, created_at, updated_at, next_attempt_at)
						VALUES (:id, :t, :event, 'UserRegistered', :s, 'WEBHOOK', 'user-1', 'http://127.0.0.1:9/h',
						    :status, :at, :at, CASE WHEN CAST(:status AS text) IN ('PENDING', 'RETRYING') THEN CAST(:at AS timestamptz) END)""")
				.param("id", id)
				.param("t", this.tenant)
				.param("event", eventId)
				.param("s", this.subscription)
				.param("status", status)
				.param("at", ago(daysOld))
				.update();
			this.eventIds.put(id, eventId);
			return id;
		}

		void attempt(UUID notification, int number) {
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO delivery_attempt (id, tenant_id, notification_id, attempt_number, started_at,
					    latency_ms, outcome)
					VALUES (gen_random_uuid(), :t, :n, :number, now(), 5, 'SENT')""")
				.param("t", this.tenant)
				.param("n", notification)
				.param("number", number)
				.update();
		}

		void sandbox(UUID notification) {
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO sandbox_message (id, tenant_id, notification_id, channel, recipient, body, created_at)
					VALUES (gen_random_uuid(), :t, :n, 'EMAIL', 'ada@example.com', 'Hi', now())""")
				.param("t", this.tenant)
				.param("n", notification)
				.update();
		}

		void fanout(String eventId) {
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO event_fanout (tenant_id, event_id, subscription_id, channel, outcome, decided_at)
					VALUES (:t, :e, :s, 'WEBHOOK', 'FILTERED', now())""")
				.param("t", this.tenant)
				.param("e", eventId)
				.param("s", this.subscription)
				.update();
		}

		void audit(String entityType, String entityId) {
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO audit_log (tenant_id, actor_type, actor, action, entity_type, entity_id, created_at)
					VALUES (:t, 'SYSTEM', 'herald', 'test.recorded', :type, :id, :at)""")
				.param("t", this.tenant)
				.param("type", entityType)
				.param("id", entityId)
				.param("at", ago(100))
				.update();
		}

		UUID replayJob(String status) {
			UUID id = UUID.randomUUID();
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO replay_job (id, tenant_id, requested_by, kind, criteria, dry_run, status, created_at)
					VALUES (:id, :t, 'test', 'NOTIFICATIONS', '{}', false, :status, now())""")
				.param("id", id)
				.param("t", this.tenant)
				.param("status", status)
				.update();
			return id;
		}

		void replayItem(UUID job, UUID notification) {
			RetentionIntegrationTests.this.jdbc.sql("""
					INSERT INTO replay_job_item (job_id, notification_id, tenant_id, seen_status, seen_series)
					VALUES (:job, :n, :t, 'DEAD', 1)""")
				.param("job", job)
				.param("n", notification)
				.param("t", this.tenant)
				.update();
		}

		void backfillItem(UUID job, String eventId) {
			RetentionIntegrationTests.this.jdbc
				.sql("INSERT INTO replay_job_event (job_id, tenant_id, event_id) VALUES (:job, :t, :e)")
				.param("job", job)
				.param("t", this.tenant)
				.param("e", eventId)
				.update();
		}

		String eventOf(UUID notification) {
			return this.eventIds.get(notification);
		}

		List<UUID> notifications() {
			return RetentionIntegrationTests.this.jdbc.sql("SELECT id FROM notification WHERE tenant_id = :t")
				.param("t", this.tenant)
				.query(UUID.class)
				.list();
		}

		List<String> events() {
			return RetentionIntegrationTests.this.jdbc.sql("SELECT event_id FROM event WHERE tenant_id = :t")
				.param("t", this.tenant)
				.query(String.class)
				.list();
		}

		long attemptsOf(UUID notification) {
			return RetentionIntegrationTests.this.jdbc
				.sql("SELECT count(*) FROM delivery_attempt WHERE notification_id = :n")
				.param("n", notification)
				.query(Long.class)
				.single();
		}

		private Timestamp ago(int days) {
			return Timestamp.from(RetentionIntegrationTests.this.clock.instant().minus(Duration.ofDays(days)));
		}

	}

}
