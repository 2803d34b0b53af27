package io.herald.worker.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;

import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.testing.TestServers;
import io.herald.worker.channel.FakeWebhookEndpoint;
import io.herald.worker.channel.FakeWebhookEndpoint.Received;
import io.herald.worker.channel.FakeWebhookEndpoint.Reply;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import io.herald.worker.fanout.NotificationsQueued;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher against real PostgreSQL and a real HTTP receiver on 127.0.0.1. Polling
 * is set to an hour, so every delivery here also proves that a commit wakes the
 * dispatcher and that retries fire on their own timers.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=1h", "herald.delivery.retry-schedule=100ms,100ms",
				"herald.delivery.concurrency=8", "herald.delivery.batch-size=10" })
class OutboxDispatcherIntegrationTests {

	// Generous: the build machine may be busy; Awaitility returns as soon as it holds.
	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	DeliveryProperties properties;

	@Autowired
	OutboxClaims claims;

	@Autowired
	NotificationDelivery delivery;

	@Autowired
	DeliveryMetrics metrics;

	@Autowired
	ChannelRouter router;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void signedWebhookArrivesOnceAndIsRecordedAsSent() throws Exception {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/signed"));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.SENT);
		List<Received> received = endpoint.received("/signed");
		assertThat(received).hasSize(1);
		Received request = received.get(0);
		assertThat(request.header("webhook-id")).isEqualTo(id.toString());
		assertThat(request.header("webhook-signature"))
			.isEqualTo("v1," + hmac(id + "." + request.header("webhook-timestamp") + ".", request.body()));
		assertThat(Long.parseLong(request.header("webhook-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
				org.assertj.core.data.Offset.offset(60L));
		JsonNode body = this.json.readTree(request.body());
		assertThat(body.get("notificationId").asString()).isEqualTo(id.toString());
		assertThat(body.get("eventId").asString()).startsWith("evt-");
		assertThat(body.get("eventType").asString()).isEqualTo("UserRegistered");
		assertThat(body.get("subject").asString()).isEqualTo("Welcome Ada");
		assertThat(body.get("body").asString()).isEqualTo("Hello Ada, you are on pro");
		assertThat(body.get("data").get("user").get("plan").asString()).isEqualTo("pro");
		List<DeliveryAttempt> attempts = this.fixtures.attempts(setup, id);
		assertThat(attempts).singleElement().satisfies((attempt) -> {
			assertThat(attempt.getOutcome()).isEqualTo(AttemptOutcome.SENT);
			assertThat(attempt.getHttpStatus()).isEqualTo(200);
			assertThat(attempt.getAttemptNumber()).isEqualTo(1);
			assertThat(attempt.getError()).isNull();
		});
		assertThat(this.fixtures.row(id).attempts()).isEqualTo(1);
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.sent");
		assertThat(this.meters.get("herald.delivery.attempts")
			.tags("channel", "WEBHOOK", "outcome", "SENT")
			.counter()
			.count()).isPositive();
		assertThat(this.meters.get("herald.delivery.latency").tags("channel", "WEBHOOK").timer().count()).isPositive();
		assertThat(this.meters.get("herald.notifications.status")
			.tags("status", "SENT", "channel", "WEBHOOK")
			.counter()
			.count()).isPositive();
	}

	@Test
	void notificationsHandedOverAfterTheirCommitAreSentOnceWithoutWaitingForThePoll() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/announced"));

		// polling is an hour: only the rows handed over after the commit (and the wake-up
		// that comes with them) can get these sent
		List<UUID> ids = this.fixtures.queue(setup, 5);

		ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
		assertThat(endpoint.received("/announced")).extracting((request) -> request.header("webhook-id"))
			.containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
	}

	@Test
	void rowsHandedOverAreClaimedByIdBeforeAnySearchForDueRows() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/handed-over"));
		this.dispatcher.stop();
		// a dispatcher of its own, so that no other claim races it: the rows are handed
		// over before it starts, and its poll interval is an hour
		OutboxDispatcher handedOver = dispatcherPollingHourly(this.properties.maxInFlightPerTenant());
		try {
			List<UUID> ids = queueAndHandOver(setup, 5, handedOver);
			handedOver.start();

			ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
			assertThat(handedOver.claimedByHandoffCount()).isEqualTo(5);
			assertThat(endpoint.received("/handed-over")).hasSize(5);
		}
		finally {
			handedOver.stop();
			this.dispatcher.start();
		}
	}

	@Test
	void wakeUpsForHandedOverRowsRunNoClaimOfDueRowsBetweenPolls() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/no-due-claims"));
		this.dispatcher.stop();
		// a dispatcher of its own (no other wake-up reaches it), polling every hour: it
		// runs one claim of due rows when it starts, and none for rows handed over
		OutboxDispatcher handedOver = dispatcherPollingHourly(this.properties.maxInFlightPerTenant());
		try {
			handedOver.start();
			await().atMost(WAIT).until(handedOver::dueClaimCount, (count) -> count == 1);
			for (int i = 0; i < 5; i++) {
				List<UUID> ids = queueAndHandOver(setup, 1, handedOver);
				awaitStatus(ids.get(0), NotificationStatus.SENT);
			}

			assertThat(handedOver.claimedByHandoffCount()).isEqualTo(5);
			assertThat(handedOver.dueClaimCount()).isEqualTo(1);
			assertThat(endpoint.received("/no-due-claims")).hasSize(5);
		}
		finally {
			handedOver.stop();
			this.dispatcher.start();
		}
	}

	@Test
	void aTenantAtItsCapWhoseRowsAreHandedOverRunsNoClaimOfDueRows() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/capped-hand-over"));
		this.dispatcher.stop();
		// a dispatcher of its own polling every hour, with a cap of 2 sends in flight:
		// the
		// tenant reaches its cap with every claim and drops below it as its sends end,
		// while all its rows wait in the hand-over. A claim of due rows would leave the
		// tenant out while it is at its cap, and find nothing (decision 0102)
		OutboxDispatcher capped = dispatcherPollingHourly(2);
		try {
			capped.start();
			await().atMost(WAIT).until(capped::dueClaimCount, (count) -> count == 1);
			List<UUID> ids = queueAndHandOver(setup, 40, capped);

			ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
			assertThat(capped.claimedByHandoffCount()).isEqualTo(40);
			assertThat(capped.dueClaimCount()).as("only the claim at start").isEqualTo(1);
		}
		finally {
			capped.stop();
			this.dispatcher.start();
		}
		assertThat(endpoint.received("/capped-hand-over")).hasSize(40);
	}

	@Test
	void aRowClaimedByOneWayIsLeftAloneByTheOther() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/both-ways"));
		this.dispatcher.stop();
		try {
			List<UUID> polled = this.fixtures.queue(setup, 3, (id) -> {
			}, false);
			assertThat(this.claims.claimDue(10, Duration.ofMinutes(5), Set.of())).extracting(ClaimedNotification::id)
				.containsAll(polled);
			assertThat(this.claims.claimHandedOff(polled, Duration.ofMinutes(5)))
				.as("rows the poll claimed are not claimed again when handed over")
				.isEmpty();

			List<UUID> handedOver = this.fixtures.queue(setup, 3, (id) -> {
			}, false);
			assertThat(this.claims.claimHandedOff(handedOver, Duration.ofMinutes(5)))
				.extracting(ClaimedNotification::id)
				.containsExactlyInAnyOrderElementsOf(handedOver);
			assertThat(this.claims.claimDue(10, Duration.ofMinutes(5), Set.of())).extracting(ClaimedNotification::id)
				.as("rows claimed when handed over are not claimed again by the poll")
				.doesNotContainAnyElementsOf(handedOver);
			assertThat(this.claims.claimHandedOff(handedOver, Duration.ofMinutes(5))).isEmpty();
		}
		finally {
			this.dispatcher.start();
		}
	}

	@Test
	void serverErrorsAreRetriedOnTheScheduleUntilSent() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/flaky"));
		endpoint.script("/flaky", Reply.status(500), Reply.status(500), Reply.status(200));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.SENT);
		assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getOutcome)
			.containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.SENT);
		assertThat(endpoint.received("/flaky")).hasSize(3)
			.extracting((request) -> request.header("webhook-id"))
			.containsOnly(id.toString());
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.retrying", "notification.retrying",
				"notification.sent");
	}

	@Test
	void exhaustedRetriesLeaveTheNotificationDeadAfterExactlyThreeAttempts() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/down"));
		endpoint.script("/down", Reply.status(500, "still down"));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.DEAD);
		assertThat(this.fixtures.row(id).reason())
			.isEqualTo("retries exhausted after 3 attempts: HTTP 500: still down");
		assertThat(this.fixtures.attempts(setup, id)).hasSize(3)
			.allSatisfy((attempt) -> assertThat(attempt.getHttpStatus()).isEqualTo(500));
		assertThat(endpoint.received("/down")).hasSize(3);
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.retrying", "notification.retrying",
				"notification.dead");
	}

	@Test
	void clientErrorFailsTheNotificationAfterOneAttempt() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/rejects"));
		endpoint.script("/rejects", Reply.status(400, "unknown field"));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.FAILED);
		assertThat(this.fixtures.row(id).reason()).isEqualTo("HTTP 400: unknown field");
		assertThat(this.fixtures.attempts(setup, id)).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getOutcome()).isEqualTo(AttemptOutcome.FAILED));
		assertThat(endpoint.received("/rejects")).hasSize(1);
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.failed");
	}

	@Test
	void retryAfterDelaysTheNextAttemptBeyondTheSchedule() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/throttled"));
		endpoint.script("/throttled", Reply.status(429).header("Retry-After", "1"), Reply.status(200));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.SENT);
		List<DeliveryAttempt> attempts = this.fixtures.attempts(setup, id);
		assertThat(attempts).hasSize(2);
		Instant firstAttempt = attempts.get(0).getStartedAt();
		Instant scheduled = Instant.parse(this.json.readTree(this.fixtures.auditDetails(id, "notification.retrying"))
			.get("nextAttemptAt")
			.asString());
		assertThat(scheduled).isAfterOrEqualTo(firstAttempt.plusSeconds(1));
		assertThat(attempts.get(1).getStartedAt()).isAfterOrEqualTo(firstAttempt.plusSeconds(1));
	}

	@Test
	void redirectIsNotFollowed() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/moved"));
		endpoint.script("/moved", Reply.status(302).header("Location", endpoint.url("/moved-here")));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.FAILED);
		assertThat(this.fixtures.attempts(setup, id)).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getHttpStatus()).isEqualTo(302));
		assertThat(endpoint.received("/moved-here")).isEmpty();
	}

	@Test
	void channelWithoutAConfiguredProviderFails() {
		Setup setup = this.fixtures.setup(Channel.EMAIL, null);

		UUID id = this.fixtures.queue(setup, 1).get(0);

		awaitStatus(id, NotificationStatus.FAILED);
		assertThat(this.fixtures.row(id).reason()).isEqualTo("no provider configured for EMAIL");
		assertThat(this.fixtures.attempts(setup, id)).singleElement()
			.satisfies((attempt) -> assertThat(attempt.getOutcome()).isEqualTo(AttemptOutcome.FAILED));
	}

	@Test
	void workerThatDiedBetweenSendAndCommitCausesOneResendWithTheSameWebhookId() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/crash"));
		// A worker claimed the row (its lease runs for an hour), sent it, and died before
		// recording the result.
		UUID id = this.fixtures
			.queue(setup, 1,
					(notification) -> this.jdbc
						.sql("UPDATE notification SET status = 'SENDING', attempts = 1,"
								+ " claimed_until = clock_timestamp() + interval '1 hour' WHERE id = :id")
						.param("id", notification)
						.update(),
					false)
			.get(0);
		String eventId = this.jdbc.sql("SELECT event_id FROM notification WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		ClaimedNotification claimed = new ClaimedNotification(
				id, setup.tenantId(), eventId, "UserRegistered", setup.subscriptionId(), Channel.WEBHOOK, "user-1",
				setup.endpoint(), "Welcome Ada", "Hello", 1, setup.endpoint(), this.cipher
					.encrypt(DeliveryFixtures.SIGNING_SECRET, SecretContext.webhookSigningSecret(setup.tenantId())),
				DeliveryFixtures.DATA);
		Route.Ready route = (Route.Ready) this.router.route(claimed);
		route.provider().send(route.message());
		assertThat(endpoint.received("/crash")).hasSize(1);
		this.jdbc.sql("UPDATE notification SET claimed_until = clock_timestamp() - interval '1 second' WHERE id = :id")
			.param("id", id)
			.update();

		OutboxDispatcher survivor = newDispatcher();
		try {
			awaitStatus(id, NotificationStatus.SENT);
		}
		finally {
			survivor.stop();
		}

		assertThat(endpoint.received("/crash")).hasSize(2)
			.extracting((request) -> request.header("webhook-id"))
			.containsOnly(id.toString());
		List<DeliveryAttempt> attempts = this.fixtures.attempts(setup, id);
		assertThat(attempts).extracting(DeliveryAttempt::getOutcome)
			.containsExactly(AttemptOutcome.RETRY, AttemptOutcome.SENT);
		assertThat(attempts.get(0).getError()).isEqualTo(NotificationDelivery.LOST_ATTEMPT);
		assertThat(this.fixtures.row(id).attempts()).isEqualTo(2);
	}

	@Test
	void threeDispatchersOnTheSameOutboxSendEveryRowExactlyOnce() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/many"));
		long beanClaimedBefore = this.dispatcher.claimedCount();
		OutboxDispatcher second = newDispatcher();
		OutboxDispatcher third = newDispatcher();
		List<UUID> ids;
		try {
			ids = this.fixtures.queue(setup, 200);
			await().atMost(WAIT.multipliedBy(2))
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM notification WHERE subscription_id = :s AND status = 'SENT'")
					.param("s", setup.subscriptionId())
					.query(Long.class)
					.single() == 200);
		}
		finally {
			second.stop();
			third.stop();
		}

		List<Received> received = endpoint.received("/many");
		Set<String> webhookIds = received.stream()
			.map((request) -> request.header("webhook-id"))
			.collect(Collectors.toSet());
		assertThat(received).hasSize(200);
		assertThat(webhookIds).isEqualTo(ids.stream().map(UUID::toString).collect(Collectors.toSet()));
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM delivery_attempt a JOIN notification n ON n.id = a.notification_id"
					+ " WHERE n.subscription_id = :s")
			.param("s", setup.subscriptionId())
			.query(Long.class)
			.single()).isEqualTo(200);
		Set<Long> claimedByEach = new HashSet<>(List.of(this.dispatcher.claimedCount() - beanClaimedBefore,
				second.claimedCount(), third.claimedCount()));
		assertThat(List.of(this.dispatcher.claimedCount() - beanClaimedBefore, second.claimedCount(),
				third.claimedCount()))
			.as("rows claimed by each dispatcher %s", claimedByEach)
			.filteredOn((count) -> count > 0)
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void claimSharesTheBatchBetweenTenantsSoABacklogDoesNotStarveAQuietTenant() {
		Setup noisy = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/noisy"));
		Setup quiet = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/quiet"));
		this.dispatcher.stop();
		try {
			List<UUID> backlog = this.fixtures.queue(noisy, 30, (id) -> {
			}, false);
			List<UUID> quietRows = this.fixtures.queue(quiet, 3, (id) -> {
			}, false);

			List<ClaimedNotification> claimed = this.claims.claimDue(10, Duration.ofMinutes(5), Set.of());
			List<ClaimedNotification> whileSaturated = this.claims.claimDue(10, Duration.ofMinutes(5),
					Set.of(noisy.tenantId()));

			// oldest first would have given the noisy tenant all ten
			assertThat(claimed).extracting(ClaimedNotification::id).containsAll(quietRows);
			assertThat(claimed).filteredOn((row) -> row.tenantId().equals(noisy.tenantId()))
				.extracting(ClaimedNotification::id)
				.hasSizeBetween(1, 7)
				.isSubsetOf(backlog);
			assertThat(whileSaturated).as("a saturated tenant gets no rows")
				.noneMatch((row) -> row.tenantId().equals(noisy.tenantId()));
		}
		finally {
			this.dispatcher.start();
		}
	}

	@Test
	void suspendedTenantsNotificationsAreHeldUntilItIsResumed() {
		Setup suspended = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/suspended"));
		this.dispatcher.stop();
		try {
			List<UUID> held = this.fixtures.queue(suspended, 3, (id) -> {
			}, false);
			suspend(suspended.tenantId(), true);

			assertThat(this.claims.claimDue(10, Duration.ofMinutes(5), Set.of()))
				.as("a suspended tenant's rows are not claimed")
				.noneMatch((row) -> row.tenantId().equals(suspended.tenantId()));
			assertThat(held).allMatch((id) -> this.fixtures.row(id).status() == NotificationStatus.PENDING);

			suspend(suspended.tenantId(), false);
			assertThat(this.claims.claimDue(10, Duration.ofMinutes(5), Set.of())).extracting(ClaimedNotification::id)
				.containsAll(held);
		}
		finally {
			this.dispatcher.start();
		}
	}

	private void suspend(UUID tenantId, boolean suspended) {
		this.jdbc.sql("UPDATE tenant SET suspended_at = CASE WHEN :suspended THEN clock_timestamp() END WHERE id = :id")
			.param("suspended", suspended)
			.param("id", tenantId)
			.update();
	}

	@Test
	void aTenantThatWasSaturatedIsClaimedAgainAsSoonAsASendEndsNotAtTheNextPoll() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/saturated"));
		this.dispatcher.stop();
		// polling is an hour: only the end of a send can bring the saturated tenant back
		OutboxDispatcher capped = dispatcherPollingHourly(2);
		try {
			this.fixtures.queue(setup, 30, (id) -> {
			}, false);
			capped.start();
			await().atMost(WAIT)
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM notification WHERE subscription_id = :s AND status = 'SENT'")
					.param("s", setup.subscriptionId())
					.query(Long.class)
					.single() == 30);
		}
		finally {
			capped.stop();
			this.dispatcher.start();
		}
		assertThat(endpoint.received("/saturated")).hasSize(30);
	}

	@Test
	void aTenantAtItsCapSendsItsNextRowWhileItsLastAttemptWaitsToBeRecorded() throws Exception {
		// a receiver that holds its first request until the test lets it answer
		CountDownLatch answerFirst = new CountDownLatch(1);
		List<String> requests = new CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", (exchange) -> {
			requests.add(exchange.getRequestHeaders().getFirst("webhook-id"));
			exchange.getRequestBody().readAllBytes();
			if (requests.size() == 1) {
				awaitQuietly(answerFirst);
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.start();
		Setup setup = this.fixtures.setup(Channel.WEBHOOK,
				"http://127.0.0.1:" + receiver.getAddress().getPort() + "/cap-counts-sends");
		this.dispatcher.stop();
		// a cap of one send in flight, polling every hour
		OutboxDispatcher capped = dispatcherPollingHourly(1);
		try (Connection lock = this.dataSource.getConnection()) {
			capped.start();
			await().atMost(WAIT).until(capped::dueClaimCount, (count) -> count == 1);
			UUID first = queueAndHandOver(setup, 1, capped).get(0);
			await().atMost(WAIT).until(requests::size, (size) -> size == 1);
			// the first row is claimed and being sent; once its send returns, its
			// attempt cannot be recorded while another transaction holds the row
			lock.setAutoCommit(false);
			try (PreparedStatement select = lock
				.prepareStatement("SELECT 1 FROM notification WHERE id = ? FOR UPDATE")) {
				select.setObject(1, first);
				select.executeQuery().close();
			}
			answerFirst.countDown();
			UUID second = queueAndHandOver(setup, 1, capped).get(0);

			// the cap counts sends (decision 0103): the second row is sent while the
			// first one's attempt still waits for the recorder's commit
			await().atMost(WAIT).until(requests::size, (size) -> size == 2);
			assertThat(requests).containsExactly(first.toString(), second.toString());
			assertThat(this.fixtures.row(first).status()).isEqualTo(NotificationStatus.SENDING);
			lock.rollback();

			awaitStatus(first, NotificationStatus.SENT);
			awaitStatus(second, NotificationStatus.SENT);
		}
		finally {
			answerFirst.countDown();
			capped.stop();
			this.dispatcher.start();
			receiver.stop(0);
		}
		assertThat(requests).hasSize(2);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void leaseOfARowStillBeingSentIsRenewed() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/renew"));
		UUID id = this.fixtures
			.queue(setup, 1,
					(notification) -> this.jdbc
						.sql("UPDATE notification SET status = 'SENDING', attempts = 1,"
								+ " claimed_until = clock_timestamp() + interval '1 second' WHERE id = :id")
						.param("id", notification)
						.update(),
					false)
			.get(0);

		assertThat(this.claims.extend(List.of(id), Duration.ofHours(1))).isEqualTo(1);

		assertThat(this.jdbc
			.sql("SELECT claimed_until > clock_timestamp() + interval '50 minutes' FROM notification WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void rowsCreatedClaimedAreSentEvenWhenEveryTurnOfTheLoopIsAPoll() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/created-claimed-polls"));
		this.dispatcher.stop();
		// a dispatcher of its own that polls at every turn, with a cap of 2 sends in
		// flight: rows created claimed (decision 0105) are SENDING, so no claim of due
		// rows can find them; only the hand-over can, at every turn
		OutboxDispatcher polling = ownDispatcher(Duration.ofMillis(1), 2);
		try {
			polling.start();
			// created claimed in the transaction that inserts them, as fan-out does: no
			// other dispatcher of this JVM can claim them while PENDING
			List<UUID> ids = this.fixtures.queue(setup, 30,
					(id) -> this.jdbc
						.sql("UPDATE notification SET status = 'SENDING', attempts = 1,"
								+ " claimed_until = clock_timestamp() + interval '5 minutes' WHERE id = :id")
						.param("id", id)
						.update(),
					false);
			String secret = this.jdbc.sql("SELECT signing_secret FROM subscription WHERE id = :id")
				.param("id", setup.subscriptionId())
				.query(String.class)
				.single();
			polling.onNotificationsQueued(new NotificationsQueued(ids.stream()
				.map((id) -> new NotificationsQueued.Queued(id, setup.tenantId(),
						new NotificationsQueued.Claimed("evt-" + id, "UserRegistered", setup.subscriptionId(),
								Channel.WEBHOOK, setup.endpoint(), setup.endpoint(), "Welcome", "Hello",
								setup.endpoint(), secret, DeliveryFixtures.DATA)))
				.toList()));

			ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));
			assertThat(polling.createdClaimedCount()).isEqualTo(30);
			assertThat(ids).allSatisfy((id) -> assertThat(this.fixtures.row(id).attempts()).isEqualTo(1));
		}
		finally {
			polling.stop();
			this.dispatcher.start();
		}
		assertThat(endpoint.received("/created-claimed-polls")).hasSize(30);
	}

	/**
	 * Queues rows without announcing them, then hands them over to {@code dispatcher}
	 * alone, as the fan-out's commit would.
	 */
	private List<UUID> queueAndHandOver(Setup setup, int count, OutboxDispatcher dispatcher) {
		List<UUID> ids = this.fixtures.queue(setup, count, (id) -> {
		}, false);
		dispatcher.onNotificationsQueued(new NotificationsQueued(
				ids.stream().map((id) -> new NotificationsQueued.Queued(id, setup.tenantId())).toList()));
		return ids;
	}

	/** A dispatcher of a test's own, not started, polling every hour. */
	private OutboxDispatcher dispatcherPollingHourly(int maxInFlightPerTenant) {
		return ownDispatcher(Duration.ofHours(1), maxInFlightPerTenant);
	}

	/** Another worker instance on the same database, polling often. */
	private OutboxDispatcher newDispatcher() {
		OutboxDispatcher instance = ownDispatcher(Duration.ofMillis(50), this.properties.maxInFlightPerTenant());
		instance.start();
		return instance;
	}

	/**
	 * A dispatcher on this test's beans with its own poll interval and cap per tenant.
	 */
	private OutboxDispatcher ownDispatcher(Duration pollInterval, int maxInFlightPerTenant) {
		DeliveryProperties p = this.properties;
		return new OutboxDispatcher(
				new DeliveryProperties(p.dispatcher(), pollInterval, p.batchSize(), p.concurrency(),
						maxInFlightPerTenant, p.lease(), p.recordPatience(), p.shutdownTimeout(), p.retrySchedule(),
						p.jitter(), p.maxRetryDelay(), p.settingsCacheTtl(), p.channels()),
				this.claims, this.delivery, this.metrics);
	}

	private void awaitStatus(UUID id, NotificationStatus status) {
		await().atMost(WAIT).until(() -> this.fixtures.row(id).status(), (current) -> current == status);
	}

	private static String hmac(String prefix, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(
				Base64.getDecoder().decode(DeliveryFixtures.SIGNING_SECRET.substring("whsec_".length())),
				"HmacSHA256"));
		mac.update(prefix.getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(mac.doFinal(body));
	}

}
