package io.herald.worker.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.testing.TestServers;
import io.herald.worker.channel.DeliveryOutcome;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batched recorder against real PostgreSQL, without a dispatcher: rows are put in
 * SENDING by hand, as a claim leaves them, and their attempts recorded together.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.delivery.dispatcher.enabled=false",
				"herald.delivery.retry-schedule=100ms,100ms", "herald.delivery.record-patience=1s" })
class DeliveryRecorderIntegrationTests {

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	DeliveryRecorder recorder;

	@Autowired
	AttemptBatches batches;

	@Autowired
	OutboxClaims claims;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@Test
	void aBatchWithMixedOutcomesRecordsEachRowItsOwnWay() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/hook");
		List<UUID> ids = sending(setup, 5, 1);
		// the fourth row is in its third attempt, the last one of "100ms,100ms"
		setAttempts(ids.get(3), 3);

		List<Optional<DeliveryRecorder.Recorded>> results = this.recorder
			.recordAll(List.of(attempt(setup, ids.get(0), 1, new DeliveryOutcome.Sent("provider-1", 200)),
					attempt(setup, ids.get(1), 1, new DeliveryOutcome.Retry("HTTP 503: busy", 503, null)),
					attempt(setup, ids.get(2), 1, new DeliveryOutcome.Permanent("HTTP 400: bad", 400)),
					attempt(setup, ids.get(3), 3, new DeliveryOutcome.Retry("HTTP 500: down", 500, null)),
					// a stale result: the row is in attempt 1, this worker thinks 2 (its
					// lease
					// was taken over)
					attempt(setup, ids.get(4), 2, new DeliveryOutcome.Sent(null, 200))));

		assertThat(results).extracting((result) -> result.map(DeliveryRecorder.Recorded::status).orElse(null))
			.containsExactly(NotificationStatus.SENT, NotificationStatus.RETRYING, NotificationStatus.FAILED,
					NotificationStatus.DEAD, null);
		assertThat(ids).extracting((id) -> this.fixtures.row(id).status())
			.containsExactly(NotificationStatus.SENT, NotificationStatus.RETRYING, NotificationStatus.FAILED,
					NotificationStatus.DEAD, NotificationStatus.SENDING);
		assertThat(this.fixtures.row(ids.get(3)).reason())
			.isEqualTo("retries exhausted after 3 attempts: HTTP 500: down");
		assertThat(results.get(1).orElseThrow().nextAttemptAt()).isNotNull();
		assertThat(this.fixtures.attempts(setup, ids.get(0))).singleElement().satisfies((attempt) -> {
			assertThat(attempt.getOutcome()).isEqualTo(AttemptOutcome.SENT);
			assertThat(attempt.getHttpStatus()).isEqualTo(200);
			assertThat(attempt.getProviderMessageId()).isEqualTo("provider-1");
		});
		assertThat(this.fixtures.attempts(setup, ids.get(1))).extracting(DeliveryAttempt::getOutcome)
			.containsExactly(AttemptOutcome.RETRY);
		assertThat(this.fixtures.attempts(setup, ids.get(2))).extracting(DeliveryAttempt::getError)
			.containsExactly("HTTP 400: bad");
		assertThat(this.fixtures.attempts(setup, ids.get(3))).extracting(DeliveryAttempt::getAttemptNumber)
			.containsExactly(3);
		assertThat(this.fixtures.attempts(setup, ids.get(4))).isEmpty();
		assertThat(ids).extracting(this.fixtures::auditActions)
			.containsExactly(List.of("notification.sent"), List.of("notification.retrying"),
					List.of("notification.failed"), List.of("notification.dead"), List.of());
	}

	@Test
	void providerTextsAndTimesAreRecordedAsGiven() {
		// each column travels as one element of a text array (decision 0101): quotes,
		// braces, commas, backslashes, the word NULL and an absent value must all arrive
		// as
		// they were
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/hook");
		List<UUID> ids = sending(setup, 3, 1);
		String awkward = "HTTP 400: {\"error\":\"a,b\"} \\ NULL \u2603 \"quoted\" (x)";
		Instant startedAt = Instant.parse("2026-11-30T03:04:05.123456Z");

		this.recorder.recordAll(List.of(
				new DeliveryRecorder.Attempt(claimed(setup, ids.get(0), 1), new DeliveryOutcome.Permanent(awkward, 400),
						startedAt, Duration.ofMillis(1234)),
				new DeliveryRecorder.Attempt(claimed(setup, ids.get(1), 1), new DeliveryOutcome.Sent("NULL", 202),
						startedAt, Duration.ofMillis(7)),
				new DeliveryRecorder.Attempt(claimed(setup, ids.get(2), 1), new DeliveryOutcome.Sent(null, 204),
						startedAt, Duration.ZERO)));

		assertThat(this.fixtures.row(ids.get(0)).reason()).isEqualTo(awkward);
		assertThat(this.fixtures.attempts(setup, ids.get(0))).singleElement().satisfies((attempt) -> {
			assertThat(attempt.getError()).isEqualTo(awkward);
			assertThat(attempt.getHttpStatus()).isEqualTo(400);
			assertThat(attempt.getStartedAt()).isEqualTo(startedAt);
			assertThat(attempt.getLatencyMs()).isEqualTo(1234);
			assertThat(attempt.getProviderMessageId()).isNull();
		});
		assertThat(this.fixtures.attempts(setup, ids.get(1))).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getProviderMessageId()).isEqualTo("NULL"));
		assertThat(this.fixtures.attempts(setup, ids.get(2))).singleElement().satisfies((attempt) -> {
			assertThat(attempt.getProviderMessageId()).isNull();
			assertThat(attempt.getError()).isNull();
			assertThat(attempt.getHttpStatus()).isEqualTo(204);
		});
		assertThat(ids).extracting((id) -> this.fixtures.row(id).status())
			.containsExactly(NotificationStatus.FAILED, NotificationStatus.SENT, NotificationStatus.SENT);
	}

	@Test
	void theSameRowTwiceInOneBatchIsSettledOnce() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/hook");
		UUID id = sending(setup, 1, 1).get(0);

		List<Optional<DeliveryRecorder.Recorded>> results = this.recorder
			.recordAll(List.of(attempt(setup, id, 1, new DeliveryOutcome.Sent(null, 200)),
					attempt(setup, id, 1, new DeliveryOutcome.Retry(NotificationDelivery.LOST_ATTEMPT, null, null))));

		assertThat(results.get(0)).isPresent();
		assertThat(results.get(1)).isEmpty();
		assertThat(this.fixtures.row(id).status()).isEqualTo(NotificationStatus.SENT);
		assertThat(this.fixtures.attempts(setup, id)).hasSize(1);
	}

	@Test
	void aBatchThatFailsLosesNoOtherOutcomeAndTheFailedRowIsReclaimedAfterItsLease() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, "https://example.com/hook");
		List<UUID> ids = sending(setup, 3, 1);
		// a result whose attempt row the database refuses (here: it names another tenant,
		// which the attempt's foreign key to its notification rejects; a foreign-key
		// failure counts as passing, so the batch is first tried again for the record
		// patience, one second here)
		DeliveryRecorder.Attempt poison = attempt(
				new Setup(UUID.randomUUID(), setup.subscriptionId(), setup.channel(), setup.endpoint()), ids.get(1), 1,
				new DeliveryOutcome.Retry("HTTP 502", 502, null));
		assertThatThrownBy(() -> this.recorder.recordAll(List.of(poison))).isInstanceOf(RuntimeException.class);

		List<CompletableFuture<Optional<DeliveryRecorder.Recorded>>> results = this.batches
			.recordTogether(List.of(attempt(setup, ids.get(0), 1, new DeliveryOutcome.Sent(null, 200)), poison,
					attempt(setup, ids.get(2), 1, new DeliveryOutcome.Sent(null, 200))));

		assertThat(results.get(0).join()).isPresent();
		assertThat(results.get(1)).isCompletedExceptionally();
		assertThat(results.get(2).join()).isPresent();
		assertThat(ids).extracting((id) -> this.fixtures.row(id).status())
			.containsExactly(NotificationStatus.SENT, NotificationStatus.SENDING, NotificationStatus.SENT);
		assertThat(this.fixtures.attempts(setup, ids.get(1))).isEmpty();

		// its lease runs out: the next claim of expired leases takes it over
		this.jdbc.sql("UPDATE notification SET claimed_until = clock_timestamp() - interval '1 second' WHERE id = :id")
			.param("id", ids.get(1))
			.update();
		assertThat(this.claims.claimExpired(1000, Duration.ofMinutes(5))).extracting(ClaimedNotification::id)
			.contains(ids.get(1))
			.doesNotContain(ids.get(0), ids.get(2));
	}

	/** Rows as a claim leaves them: SENDING in attempt {@code attempt}, leased. */
	private List<UUID> sending(Setup setup, int count, int attempt) {
		return this.fixtures.queue(setup, count, (id) -> setAttempts(id, attempt), false);
	}

	private void setAttempts(UUID id, int attempt) {
		this.jdbc
			.sql("UPDATE notification SET status = 'SENDING', attempts = :attempt,"
					+ " claimed_until = clock_timestamp() + interval '1 hour' WHERE id = :id")
			.param("attempt", attempt)
			.param("id", id)
			.update();
	}

	private DeliveryRecorder.Attempt attempt(Setup setup, UUID id, int attempt, DeliveryOutcome outcome) {
		return new DeliveryRecorder.Attempt(claimed(setup, id, attempt), outcome, Instant.now(), Duration.ofMillis(12));
	}

	private ClaimedNotification claimed(Setup setup, UUID id, int attempt) {
		String eventId = this.jdbc.sql("SELECT event_id FROM notification WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		return new ClaimedNotification(id, setup.tenantId(), eventId, "UserRegistered", setup.subscriptionId(),
				Channel.WEBHOOK, "user-1", setup.endpoint(), "Welcome Ada", "Hello", attempt, setup.endpoint(), null,
				DeliveryFixtures.DATA);
	}

}
