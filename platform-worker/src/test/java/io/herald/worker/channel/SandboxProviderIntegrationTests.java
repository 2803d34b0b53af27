package io.herald.worker.channel;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.herald.core.channel.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxProviderIntegrationTests extends ChannelsIntegrationTestSupport {

	@Autowired
	SandboxProvider sandbox;

	@Test
	void servesEmailAndPushOnlyForTenantsWithoutAProvider() {
		assertThat(this.sandbox.supports(Channel.EMAIL, null)).isTrue();
		assertThat(this.sandbox.supports(Channel.PUSH, null)).isTrue();
		assertThat(this.sandbox.supports(Channel.WEBHOOK, null)).isFalse();
		assertThat(this.sandbox.supports(Channel.EMAIL, "SMTP")).isFalse();
		assertThat(this.sandbox.supports(Channel.PUSH, "FCM")).isFalse();
	}

	@Test
	void servesNothingUnlessEnabled() {
		SandboxProvider disabled = new SandboxProvider(false, null, null, null);
		assertThat(disabled.supports(Channel.EMAIL, null)).isFalse();
		assertThat(disabled.supports(Channel.PUSH, null)).isFalse();
	}

	@Test
	void capturesTheMessageInTheInboxOnceThoughSentTwice() {
		UUID tenant = newTenant();
		UUID notification = newNotification(tenant, Channel.EMAIL, "user-1", "ada@example.org");
		OutboundMessage message = message(notification, tenant, Channel.EMAIL, "user-1", "ada@example.org", null);

		DeliveryOutcome first = this.sandbox.send(message);
		DeliveryOutcome resend = this.sandbox.send(message);

		assertThat(first).isInstanceOf(DeliveryOutcome.Sent.class);
		assertThat(resend).isEqualTo(first);
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select id, tenant_id, channel, recipient, subject, body from sandbox_message where notification_id = ?",
				notification);
		assertThat(rows).hasSize(1);
		Map<String, Object> row = rows.get(0);
		assertThat(((DeliveryOutcome.Sent) first).providerMessageId()).isEqualTo("sandbox:" + row.get("id"));
		assertThat(row).containsEntry("tenant_id", tenant)
			.containsEntry("channel", "EMAIL")
			.containsEntry("recipient", "ada@example.org")
			.containsEntry("subject", "Your order shipped")
			.containsEntry("body", "<p>Parcel <b>42</b> is on its way.</p>");
	}

	@Test
	void concurrentResendsOfOneNotificationStoreOneRow() throws Exception {
		UUID tenant = newTenant();
		UUID notification = newNotification(tenant, Channel.PUSH, "user-2", "device-token-2");
		OutboundMessage message = message(notification, tenant, Channel.PUSH, "user-2", "device-token-2", null);

		List<DeliveryOutcome> outcomes;
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Callable<DeliveryOutcome>> sends = IntStream.range(0, 4)
				.<Callable<DeliveryOutcome>>mapToObj((i) -> () -> this.sandbox.send(message))
				.toList();
			outcomes = pool.invokeAll(sends).stream().map(SandboxProviderIntegrationTests::get).toList();
		}

		assertThat(outcomes).hasSize(4).allSatisfy((outcome) -> assertThat(outcome).isEqualTo(outcomes.get(0)));
		assertThat(this.jdbc.queryForObject("select count(*) from sandbox_message where notification_id = ?",
				Integer.class, notification))
			.isEqualTo(1);
	}

	private static DeliveryOutcome get(Future<DeliveryOutcome> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
