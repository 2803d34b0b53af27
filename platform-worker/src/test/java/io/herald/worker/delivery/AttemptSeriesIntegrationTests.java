package io.herald.worker.delivery;

import java.time.Duration;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.replay.NotificationReplays;
import io.herald.core.replay.ResendRequest;
import io.herald.core.tenant.TenantScope;
import io.herald.core.testing.TestServers;
import io.herald.worker.channel.FakeWebhookEndpoint;
import io.herald.worker.channel.FakeWebhookEndpoint.Reply;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resent DEAD notification against the real dispatcher: it is found by polling (nobody
 * wakes the dispatcher), goes through a fresh retry schedule as a second attempt series,
 * keeps its history and reaches the receiver with the same {@code webhook-id}.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=200ms", "herald.delivery.retry-schedule=100ms,100ms" })
class AttemptSeriesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	NotificationReplays replays;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void resentDeadNotificationGetsAFreshRetryScheduleAsASecondSeriesWithTheSameWebhookId() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/outage"));
		endpoint.script("/outage", Reply.status(500, "provider down"));
		UUID id = this.fixtures.queue(setup, 1).get(0);
		awaitStatus(id, NotificationStatus.DEAD);

		// The receiver recovers after one more failure: a schedule that went on counting
		// from attempt 3 would declare the row dead at once.
		endpoint.script("/outage", Reply.status(500, "still warming up"), Reply.status(200));
		this.replays.resend(new TenantScope(setup.tenantId(), Actor.user("ops")), id, ResendRequest.NONE);
		awaitStatus(id, NotificationStatus.SENT);

		assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getAttemptNumber)
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getSeries)
			.containsExactly(1, 1, 1, 2, 2);
		assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getOutcome)
			.containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.RETRY,
					AttemptOutcome.SENT);
		assertThat(endpoint.received("/outage")).hasSize(5)
			.extracting((request) -> request.header("webhook-id"))
			.containsOnly(id.toString());
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.retrying", "notification.retrying",
				"notification.dead", "notification.resent", "notification.retrying", "notification.sent");
	}

	@Test
	void resendWithANewMessageIdReachesTheReceiverUnderANewWebhookIdOfTheSameNotification() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/renamed"));
		endpoint.script("/renamed", Reply.status(200));
		UUID id = this.fixtures.queue(setup, 1).get(0);
		awaitStatus(id, NotificationStatus.SENT);
		TenantScope scope = new TenantScope(setup.tenantId(), Actor.user("ops"));

		// the receiver dropped the old id: a forced resend asks for a new one
		UUID messageId = this.replays.resend(scope, id, new ResendRequest(true, "receiver lost it", true))
			.getMessageId();
		assertThat(messageId).isNotEqualTo(id);
		await().atMost(WAIT).until(() -> endpoint.received("/renamed").size() == 2);
		awaitStatus(id, NotificationStatus.SENT);

		// a later resend without the flag keeps the id the receiver saw last
		this.replays.resend(scope, id, new ResendRequest(true, "once more"));
		await().atMost(WAIT).until(() -> endpoint.received("/renamed").size() == 3);
		awaitStatus(id, NotificationStatus.SENT);

		assertThat(endpoint.received("/renamed")).extracting((request) -> request.header("webhook-id"))
			.containsExactly(id.toString(), messageId.toString(), messageId.toString());
		assertThat(endpoint.received("/renamed")).extracting((request) -> new String(request.body(), UTF_8))
			.allSatisfy((body) -> assertThat(body).contains("\"notificationId\":\"" + id + "\""));
		assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getSeries).containsExactly(1, 2, 3);
	}

	private void awaitStatus(UUID id, NotificationStatus status) {
		await().atMost(WAIT).until(() -> this.fixtures.row(id).status(), (current) -> current == status);
	}

}
