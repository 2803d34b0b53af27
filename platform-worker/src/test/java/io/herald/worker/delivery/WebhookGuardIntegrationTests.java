package io.herald.worker.delivery;

import java.time.Duration;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.testing.TestServers;
import io.herald.worker.channel.FakeWebhookEndpoint;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker as deployed outside local mode
 * ({@code herald.webhook.allow-private-networks} unset): a webhook aimed at an internal
 * address fails without a byte sent.
 */
@SpringBootTest(classes = DeliveryTestApplication.class, properties = "spring.config.name=herald-core")
class WebhookGuardIntegrationTests {

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	DeliveryFixtures fixtures;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void webhookToALoopbackAddressIsRefusedAtConnectTimeAndFails() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/internal"));

		UUID id = this.fixtures.queue(setup, 1).get(0);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.fixtures.row(id).status(), (status) -> status == NotificationStatus.FAILED);
		assertThat(this.fixtures.row(id).reason()).isEqualTo("target address is not allowed");
		assertThat(this.fixtures.attempts(setup, id)).hasSize(1);
		assertThat(endpoint.received("/internal")).isEmpty();
	}

}
