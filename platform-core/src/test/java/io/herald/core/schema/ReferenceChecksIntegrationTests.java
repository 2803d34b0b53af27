package io.herald.core.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.CoreTestApplication;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hot path's references, checked once per statement by the triggers of changeset 089
 * (decision 0100) instead of a foreign-key probe per row: what a foreign key refused is
 * still refused, and a writer and a deleter racing for the same parent end as they would
 * with the foreign key — never with a child whose parent is gone.
 */
@SpringBootTest(classes = CoreTestApplication.class, properties = "spring.config.name=herald-core")
class ReferenceChecksIntegrationTests {

	private static final String FOREIGN_KEY_VIOLATION = "23503";

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
	}

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	SubscriptionRepository subscriptions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	UUID tenantId;

	UUID subscriptionId;

	@BeforeEach
	void tenant() {
		this.tenantId = this.tenants
			.create("r" + UUID.randomUUID().toString().substring(0, 8), "References", Actor.SYSTEM)
			.tenant()
			.getId();
		EventType type = this.eventTypes
			.saveAndFlush(new EventType(this.tenantId, "OrderPlaced", null, null, null, Instant.now()));
		this.subscriptionId = this.subscriptions
			.saveAndFlush(new Subscription(this.tenantId, type.getId(), "receipt", Channel.WEBHOOK,
					"http://127.0.0.1/hook", null, null, null, true, Instant.now()))
			.getId();
	}

	@Test
	void everyReferenceOfANewRowMustExist() {
		event("e-1");
		assertRefused(() -> event(UUID.randomUUID(), "e-1"), "event_tenant_id_fkey");
		assertRefused(() -> notification("missing", this.subscriptionId, null), "notification_event_fk");
		assertRefused(() -> notification("e-1", UUID.randomUUID(), null), "notification_subscription_fk");
		assertRefused(() -> notification("e-1", this.subscriptionId, UUID.randomUUID()), "notification_template_fk");
		assertRefused(() -> fanout("missing"), "event_fanout_event_fk");
		assertRefused(() -> attempt(UUID.randomUUID()), "delivery_attempt_notification_fk");
		assertThat(count("notification")).isZero();

		UUID id = notification("e-1", this.subscriptionId, null);
		fanout("e-1");
		attempt(id);
		assertThat(count("notification")).isOne();
		assertThat(count("event_fanout")).isOne();
		assertThat(count("delivery_attempt")).isOne();
	}

	@Test
	void oneMissingParentRefusesTheWholeStatement() {
		event("e-1");
		event("e-2");
		assertRefused(() -> this.jdbc.update("""
				insert into notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
				    status, created_at, updated_at)
				select gen_random_uuid(), ?, e, 'OrderPlaced', ?, 'WEBHOOK', 'r-' || e, 'PENDING', now(), now()
				from unnest(array['e-1', 'e-2', 'e-3']) e""", this.tenantId, this.subscriptionId),
				"notification_event_fk");
		assertThat(count("notification")).isZero();
	}

	@Test
	void aParentIsNotDeletedWhileARowStillNamesIt() {
		event("e-1");
		UUID id = notification("e-1", this.subscriptionId, null);
		attempt(id);
		assertRefused(() -> this.jdbc.update("delete from event where tenant_id = ?", this.tenantId),
				"notification_event_fk");
		fanout("e-1");
		assertRefused(() -> this.jdbc.update("delete from subscription where id = ?", this.subscriptionId),
				"notification_subscription_fk");
		assertRefused(() -> this.jdbc.update("delete from notification where id = ?", id),
				"delivery_attempt_notification_fk");
		this.jdbc.update("delete from delivery_attempt where notification_id = ?", id);
		this.jdbc.update("delete from notification where id = ?", id);
		assertRefused(() -> this.jdbc.update("delete from event where tenant_id = ?", this.tenantId),
				"event_fanout_event_fk");
		// a bare tenant (no keys, users or types, whose own foreign keys would refuse
		// first)
		UUID bare = UUID.randomUUID();
		this.jdbc.update("insert into tenant (id, slug, name, created_at) values (?, ?, 'Bare', now())", bare,
				"b" + bare.toString().substring(0, 8));
		event(bare, "e-1");
		assertRefused(() -> this.jdbc.update("delete from tenant where id = ?", bare), "event_tenant_id_fkey");
		this.jdbc.update("delete from event where tenant_id = ?", bare);
		assertThat(this.jdbc.update("delete from tenant where id = ?", bare)).isOne();
		// children and their parent in one statement, as retention deletes them
		assertThat(this.jdbc.queryForObject("""
				with fanouts as (delete from event_fanout where tenant_id = ? returning 1),
				     events as (delete from event where tenant_id = ? returning 1)
				select count(*) from events""", Long.class, this.tenantId, this.tenantId)).isOne();
		assertThat(count("event")).isZero();
	}

	@Test
	void theKeysAndReferencesOfARowDoNotChange() {
		event("e-1");
		event("e-2");
		UUID id = notification("e-1", this.subscriptionId, null);
		assertRefused(() -> this.jdbc.update("update notification set event_id = 'e-2' where id = ?", id), null);
		assertRefused(() -> this.jdbc
			.update("update event set event_id = 'e-3' where event_id = 'e-1'" + " and tenant_id = ?", this.tenantId),
				null);
		// the same values written back (as an ORM does) pass
		assertThat(this.jdbc.update("update notification set event_id = event_id, updated_at = now() where id = ?", id))
			.isOne();
	}

	@Test
	void aDeleteThatWaitedForAWriterSeesWhatTheWriterCommitted() throws Exception {
		event("e-1");
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			execute(writer, fanoutSql("e-1"));
			CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> this.jdbc
				.update("delete from event where tenant_id = ? and event_id = 'e-1'", this.tenantId));
			assertWaiting(delete, writer);
			writer.commit();
			assertRefusedOnceDone(delete, "event_fanout_event_fk");
		}
		assertThat(count("event")).isOne();
		assertThat(count("event_fanout")).isOne();
	}

	@Test
	void aWriterThatWaitedForADeleteFindsItsParentGone() throws Exception {
		event("e-1");
		try (Connection deleter = this.dataSource.getConnection()) {
			CompletableFuture<Void> insert = waitingFor(deleter,
					"delete from event where tenant_id = '%s' and event_id = 'e-1'".formatted(this.tenantId),
					() -> fanout("e-1"));
			deleter.commit();
			assertRefusedOnceDone(insert, "event_fanout_event_fk");
		}
		assertThat(count("event")).isZero();
		assertThat(count("event_fanout")).isZero();
	}

	@Test
	void aNotificationThatWaitedForItsSubscriptionsDeleteIsRefused() throws Exception {
		// the API deleting a subscription while the worker fans out to it (decision 0073)
		event("e-1");
		try (Connection deleter = this.dataSource.getConnection()) {
			CompletableFuture<Void> insert = waitingFor(deleter,
					"delete from subscription where id = '%s'".formatted(this.subscriptionId),
					() -> notification("e-1", this.subscriptionId, null));
			deleter.commit();
			assertRefusedOnceDone(insert, "notification_subscription_fk");
		}
		assertThat(count("subscription")).isZero();
		assertThat(count("notification")).isZero();
	}

	@Test
	void aWriterThatWaitedForADeleteRolledBackKeepsItsParent() throws Exception {
		event("e-1");
		try (Connection deleter = this.dataSource.getConnection()) {
			CompletableFuture<Void> insert = waitingFor(deleter,
					"delete from event where tenant_id = '%s' and event_id = 'e-1'".formatted(this.tenantId),
					() -> fanout("e-1"));
			deleter.rollback();
			insert.get(30, TimeUnit.SECONDS);
		}
		assertThat(count("event")).isOne();
		assertThat(count("event_fanout")).isOne();
	}

	/**
	 * Runs {@code delete} in a transaction left open on {@code deleter}, then
	 * {@code write} on another connection, and shows that it waits for the deleter.
	 */
	private CompletableFuture<Void> waitingFor(Connection deleter, String delete, Runnable write)
			throws SQLException, InterruptedException {
		deleter.setAutoCommit(false);
		execute(deleter, delete);
		CompletableFuture<Void> writing = CompletableFuture.runAsync(write);
		assertWaiting(writing, deleter);
		return writing;
	}

	private static void assertRefusedOnceDone(CompletableFuture<Void> statement, String constraint) {
		assertThatThrownBy(() -> statement.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class)
			.rootCause()
			.hasMessageContaining(constraint);
	}

	/**
	 * The statement is blocked by the holder's transaction: PostgreSQL lists the holder
	 * among the backends its session waits for (not merely "not done yet", which a
	 * statement that has not started would also be).
	 */
	private void assertWaiting(CompletableFuture<Void> statement, Connection holder) throws SQLException {
		int holderPid;
		try (Statement query = holder.createStatement();
				ResultSet pid = query.executeQuery("select pg_backend_pid()")) {
			pid.next();
			holderPid = pid.getInt(1);
		}
		Instant deadline = Instant.now().plusSeconds(30);
		long blocked = 0;
		while (blocked == 0 && !statement.isDone() && Instant.now().isBefore(deadline)) {
			blocked = this.jdbc.queryForObject(
					"select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Long.class,
					holderPid);
		}
		assertThat(blocked).as("a session waits for the other transaction's lock").isOne();
		assertThat(statement).as("blocked on the other transaction's lock").isNotDone();
	}

	private void assertRefused(Runnable statement, String constraint) {
		assertThatThrownBy(statement::run).isInstanceOfSatisfying(DataIntegrityViolationException.class, (ex) -> {
			SQLException cause = (SQLException) ex.getMostSpecificCause();
			assertThat(cause.getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION);
			if (constraint != null) {
				assertThat(cause.getMessage()).contains(constraint);
			}
		});
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class,
				this.tenantId);
	}

	private void event(String eventId) {
		event(this.tenantId, eventId);
	}

	private void event(UUID tenant, String eventId) {
		this.jdbc.update("insert into event (tenant_id, event_id, type, source, received_at)"
				+ " values (?, ?, 'OrderPlaced', 's', now())", tenant, eventId);
	}

	private UUID notification(String eventId, UUID subscription, UUID template) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into notification (id, tenant_id, event_id, event_type, subscription_id, template_id,
				    channel, recipient, status, created_at, updated_at)
				values (?, ?, ?, 'OrderPlaced', ?, ?, 'WEBHOOK', 'r', 'PENDING', now(), now())""", id, this.tenantId,
				eventId, subscription, template);
		return id;
	}

	private void fanout(String eventId) {
		this.jdbc.update(fanoutSql(eventId));
	}

	private String fanoutSql(String eventId) {
		return """
				insert into event_fanout (tenant_id, event_id, subscription_id, channel, outcome, decided_at)
				values ('%s', '%s', '%s', 'WEBHOOK', 'NOTIFIED', now())""".formatted(this.tenantId, eventId,
				this.subscriptionId);
	}

	private void attempt(UUID notificationId) {
		this.jdbc.update("""
				insert into delivery_attempt (id, tenant_id, notification_id, attempt_number, started_at, latency_ms,
				    outcome)
				values (?, ?, ?, 1, now(), 5, 'SENT')""", UUID.randomUUID(), this.tenantId, notificationId);
	}

}
