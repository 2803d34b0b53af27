package io.herald.worker.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.replay.ReplayExecution;
import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import io.herald.core.replay.ReplayStatus;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.TenantManagement;
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
import static org.awaitility.Awaitility.await;

/**
 * Replay jobs against real PostgreSQL, with runners started and stopped by the test: the
 * fixed set, the rate, a runner that stops mid-job and a successor that finishes it, two
 * jobs over the same rows, cancel. No dispatcher runs, so a requeued row stays
 * {@code PENDING} and its {@code attempt_series} tells how often it was requeued.
 */
@SpringBootTest(classes = ReplayTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.replay.enabled=false" })
class ReplayRunnerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	ReplayManagement replays;

	@Autowired
	ReplayExecution execution;

	@Autowired
	AuditLog audit;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	SubscriptionRepository subscriptions;

	@Autowired
	EventRecordRepository events;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	Clock clock;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@Test
	void jobStoppedMidwayIsFinishedByAnotherRunnerWithEveryRowRequeuedOnce() {
		UUID tenant = tenantWithDeadNotifications(60);
		ReplayScope scope = ReplayScope.of(new io.herald.core.tenant.TenantScope(tenant, Actor.apiKey("hrld_test")));
		ReplayJobView job = this.replays.create(scope, new ReplayRequest(null, false, ReplayFilter.ALL, 20));

		ReplayRunner first = runner(Duration.ofSeconds(2));
		await().atMost(WAIT).until(() -> this.replays.get(scope, job.id()).processed() >= 20);
		first.stop();
		int processedByFirst = this.replays.get(scope, job.id()).processed();
		assertThat(processedByFirst).isLessThan(60);
		assertThat(this.replays.get(scope, job.id()).status()).isEqualTo(ReplayStatus.RUNNING);

		// a new failure after the start is not swept in
		tenantRows(tenant, 1);

		ReplayRunner second = runner(Duration.ofSeconds(2));
		try {
			await().atMost(WAIT).until(() -> this.replays.get(scope, job.id()).status() == ReplayStatus.SUCCEEDED);
		}
		finally {
			second.stop();
		}
		ReplayJobView done = this.replays.get(scope, job.id());
		assertThat(done.matched()).isEqualTo(60);
		assertThat(done.processed()).isEqualTo(60);
		assertThat(done.requeued()).isEqualTo(60);
		assertThat(done.skipped()).isZero();
		assertThat(done.startedAt()).isNotNull();
		assertThat(done.finishedAt()).isNotNull();
		assertThat(seriesCounts(tenant)).containsExactly("PENDING/2=60", "DEAD/1=1");
		assertThat(auditActions(job.id())).containsExactly("replay.created", "replay.finished");
		assertThat(this.jdbc.sql("""
				SELECT actor || ' ' || details FROM audit_log
				WHERE entity_type = 'replay_job' AND entity_id = :id ORDER BY id""")
			.param("id", job.id().toString())
			.query(String.class)
			.list()).satisfiesExactly((created) -> assertThat(created).startsWith("hrld_test "),
					(finished) -> assertThat(finished).startsWith("herald ")
						.contains("\"createdBy\":\"hrld_test\"", "\"requeued\":60", "\"status\":\"SUCCEEDED\""));
		assertThat(this.meters.get("herald.replay.requeued").counter().count()).isGreaterThanOrEqualTo(60);
		assertThat(this.meters.get("herald.replay.jobs").tags("status", "SUCCEEDED").counter().count()).isPositive();
	}

	@Test
	void twoJobsOverTheSameRowsRequeueEachRowOnce() {
		UUID tenant = tenantWithDeadNotifications(40);
		ReplayScope scope = ReplayScope.of(new io.herald.core.tenant.TenantScope(tenant, Actor.apiKey("hrld_test")));
		ReplayJobView a = this.replays.create(scope, new ReplayRequest(null, false, ReplayFilter.ALL, 1000));
		ReplayJobView b = this.replays.create(scope, new ReplayRequest(null, false, ReplayFilter.ALL, 1000));
		ReplayRunner one = runner(Duration.ofSeconds(30));
		ReplayRunner two = runner(Duration.ofSeconds(30));
		try {
			await().atMost(WAIT)
				.until(() -> this.replays.get(scope, a.id()).status() == ReplayStatus.SUCCEEDED
						&& this.replays.get(scope, b.id()).status() == ReplayStatus.SUCCEEDED);
		}
		finally {
			one.stop();
			two.stop();
		}
		ReplayJobView doneA = this.replays.get(scope, a.id());
		ReplayJobView doneB = this.replays.get(scope, b.id());
		assertThat(doneA.requeued() + doneB.requeued()).isEqualTo(40);
		assertThat(doneA.processed() + doneB.processed()).isEqualTo(doneA.matched() + doneB.matched());
		assertThat(doneA.skipped() + doneB.skipped()).isEqualTo(doneA.matched() + doneB.matched() - 40);
		assertThat(seriesCounts(tenant)).containsExactly("PENDING/2=40");
	}

	@Test
	void cancelledJobStopsAndIsAudited() {
		UUID tenant = tenantWithDeadNotifications(30);
		ReplayScope scope = ReplayScope.of(new io.herald.core.tenant.TenantScope(tenant, Actor.apiKey("hrld_test")));
		ReplayJobView job = this.replays.create(scope, new ReplayRequest(null, false, ReplayFilter.ALL, 5));
		ReplayRunner runner = runner(Duration.ofSeconds(30));
		try {
			await().atMost(WAIT).until(() -> this.replays.get(scope, job.id()).processed() >= 5);
			ReplayJobView cancelled = this.replays.cancel(scope, job.id());
			assertThat(cancelled.status()).isEqualTo(ReplayStatus.CANCELLED);
			int processed = cancelled.processed();
			await().atMost(WAIT)
				.until(() -> this.meters.find("herald.replay.jobs").tags("status", "CANCELLED").counter() != null);
			assertThat(this.replays.get(scope, job.id()).processed()).isLessThanOrEqualTo(processed + 5);
		}
		finally {
			runner.stop();
		}
		assertThat(this.replays.get(scope, job.id()).processed()).isLessThan(30);
		assertThat(auditActions(job.id())).containsExactly("replay.created", "replay.cancelled");
	}

	private ReplayRunner runner(Duration lease) {
		ReplayProperties properties = new ReplayProperties(true, 50, Duration.ofMillis(100), lease);
		ReplayRunner runner = new ReplayRunner(properties, new ReplayJobLeases(this.jdbc), this.execution, this.audit,
				this.transactions, this.meters);
		runner.start();
		return runner;
	}

	private List<String> seriesCounts(UUID tenant) {
		return this.jdbc.sql("""
				SELECT status || '/' || attempt_series || '=' || count(*) FROM notification WHERE tenant_id = :tenant
				GROUP BY status, attempt_series ORDER BY count(*) DESC""")
			.param("tenant", tenant)
			.query(String.class)
			.list();
	}

	private List<String> auditActions(UUID jobId) {
		return this.jdbc
			.sql("SELECT action FROM audit_log WHERE entity_type = 'replay_job' AND entity_id = :id ORDER BY id")
			.param("id", jobId.toString())
			.query(String.class)
			.list();
	}

	private UUID tenantWithDeadNotifications(int count) {
		UUID tenant = this.tenants.create("t-" + UUID.randomUUID().toString().substring(0, 8), "Test", Actor.SYSTEM)
			.tenant()
			.getId();
		tenantRows(tenant, count);
		return tenant;
	}

	private void tenantRows(UUID tenant, int count) {
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.clock.instant();
			EventType type = this.eventTypes.findAll()
				.stream()
				.filter((candidate) -> candidate.getTenantId().equals(tenant))
				.findFirst()
				.orElseGet(() -> this.eventTypes.save(new EventType(tenant, "UserRegistered", null, null, null, now)));
			Subscription subscription = this.subscriptions.findAll()
				.stream()
				.filter((candidate) -> candidate.getTenantId().equals(tenant))
				.findFirst()
				.orElseGet(() -> this.subscriptions.save(new Subscription(tenant, type.getId(), "welcome",
						Channel.WEBHOOK, "http://127.0.0.1:9/h", null, null, null, true, now)));
			List<Notification> rows = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String eventId = "evt-" + UUID.randomUUID();
				this.events.save(new EventRecord(tenant, new CloudEventEnvelope(eventId, "/test", "UserRegistered",
						"user-1", now, "application/json", null, tenant), "{}", now));
				Notification notification = new Notification(tenant, eventId, "UserRegistered", subscription.getId(),
						Channel.WEBHOOK, "user-1", "http://127.0.0.1:9/h", now);
				notification.rendered(null, 1, "Hi", "Hi");
				notification.settle(NotificationStatus.DEAD, "retries exhausted after 3 attempts: HTTP 500", now);
				rows.add(notification);
			}
			this.notifications.saveAll(rows);
		});
	}

}
