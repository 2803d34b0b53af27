package io.herald.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayPreview;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import io.herald.core.replay.ReplayStatus;
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
 * A provider outage and its repair end to end, with the real dispatcher and the replay
 * runner: a webhook fails until DEAD, the receiver is fixed, a dry run counts the dead
 * notifications, a replay job requeues them, and they arrive as a second attempt series
 * with the same {@code webhook-id}.
 */
@SpringBootTest(classes = ReplayDeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=200ms", "herald.delivery.retry-schedule=100ms,100ms",
				"herald.replay.poll-interval=200ms" })
class ReplayAfterOutageIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	ReplayManagement replays;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void deadWebhooksAreCountedByADryRunThenReplayedAndSentAsASecondSeriesWithTheSameWebhookId() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/outage"));
		endpoint.script("/outage", Reply.status(500, "HTTP 500 from the provider"));
		List<UUID> ids = this.fixtures.queue(setup, 3);
		ids.forEach((id) -> awaitStatus(id, NotificationStatus.DEAD));

		endpoint.script("/outage", Reply.status(200));
		ReplayScope scope = ReplayScope.of(new TenantScope(setup.tenantId(), Actor.apiKey("hrld_ops")));
		ReplayRequest request = new ReplayRequest("NOTIFICATIONS", true,
				new ReplayFilter(List.of("DEAD"), "WEBHOOK", "UserRegistered", null, "HTTP 500", null, null), 50);
		ReplayPreview preview = this.replays.preview(scope, request);
		assertThat(preview.matched()).isEqualTo(3);
		assertThat(preview.sample()).extracting((sample) -> sample.id()).containsExactlyInAnyOrderElementsOf(ids);
		ids.forEach((id) -> assertThat(this.fixtures.row(id).status()).isEqualTo(NotificationStatus.DEAD));

		ReplayJobView job = this.replays.create(scope,
				new ReplayRequest(null, false, request.filter(), request.ratePerSecond()));
		await().atMost(WAIT).until(() -> this.replays.get(scope, job.id()).status() == ReplayStatus.SUCCEEDED);
		ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));

		assertThat(this.replays.get(scope, job.id()).requeued()).isEqualTo(3);
		for (UUID id : ids) {
			assertThat(this.fixtures.attempts(setup, id)).extracting(DeliveryAttempt::getSeries)
				.containsExactly(1, 1, 1, 2);
			assertThat(endpoint.received("/outage")
				.stream()
				.filter((received) -> received.header("webhook-id").equals(id.toString()))).hasSize(4);
		}
	}

	@Test
	void replayJobAskingForNewMessageIdsDeliversEachNotificationUnderANewWebhookId() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/dropped"));
		endpoint.script("/dropped", Reply.status(500, "HTTP 500 from the provider"));
		List<UUID> ids = this.fixtures.queue(setup, 2);
		ids.forEach((id) -> awaitStatus(id, NotificationStatus.DEAD));

		endpoint.script("/dropped", Reply.status(200));
		ReplayScope scope = ReplayScope.of(new TenantScope(setup.tenantId(), Actor.apiKey("hrld_ops")));
		ReplayJobView job = this.replays.create(scope, new ReplayRequest(null, false,
				new ReplayFilter(null, null, null, setup.subscriptionId(), null, null, null), 50, true));
		assertThat(job.newMessageId()).isTrue();
		await().atMost(WAIT).until(() -> this.replays.get(scope, job.id()).status() == ReplayStatus.SUCCEEDED);
		ids.forEach((id) -> awaitStatus(id, NotificationStatus.SENT));

		for (UUID id : ids) {
			List<String> webhookIds = endpoint.received("/dropped")
				.stream()
				.filter((received) -> new String(received.body(), UTF_8).contains(id.toString()))
				.map((received) -> received.header("webhook-id"))
				.toList();
			assertThat(webhookIds).hasSize(4);
			assertThat(webhookIds.subList(0, 3)).containsOnly(id.toString());
			assertThat(webhookIds.get(3)).isNotEqualTo(id.toString());
		}
	}

	private void awaitStatus(UUID id, NotificationStatus status) {
		await().atMost(WAIT).until(() -> this.fixtures.row(id).status(), (current) -> current == status);
	}

}
