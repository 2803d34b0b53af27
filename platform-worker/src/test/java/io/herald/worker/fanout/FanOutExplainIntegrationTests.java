package io.herald.worker.fanout;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.error.NotFoundException;
import io.herald.core.event.EventManagement;
import io.herald.core.event.EventView;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.Subscription;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantScope;
import io.herald.worker.IngestIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * "Why did this event do that": the live fan-out records its decision per subscription
 * with the notifications, and the explanation reads what was decided then, not what
 * today's subscriptions would do.
 */
class FanOutExplainIntegrationTests extends IngestIntegrationTestSupport {

	@Autowired
	EventManagement eventLog;

	@Test
	void everySubscriptionOfTheTypeIsExplainedWithWhatFanOutDecided() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "OrderShipped", null);
		template(tenant, "shipped", Channel.WEBHOOK, "en", 1, "Shipped", "Order {{ data.order }} shipped");
		template(tenant, "shipped", Channel.EMAIL, "en", 1, "Shipped", "Your order shipped");
		recipient(tenant, "user-1", "ada@example.com", null, null, "email", null);
		Subscription notified = webhook(tenant, type, "shipped");
		Subscription filtered = subscription(tenant, type, "shipped", Channel.WEBHOOK, "http://127.0.0.1:9/big", null,
				"data.total > 100");
		Subscription suppressed = subscription(tenant, type, "shipped", Channel.EMAIL, null, null, null);
		Subscription noTemplate = subscription(tenant, type, "missing", Channel.WEBHOOK, "http://127.0.0.1:9/m", null,
				null);
		Subscription disabled = webhook(tenant, type, "shipped");
		disabled.update("shipped", disabled.getEndpoint(), null, null, false, this.clock.instant());
		this.subscriptions.save(disabled);

		String eventId = publish(tenant, "OrderShipped", "user-1", "{\"order\":\"A-1\",\"total\":20}");
		Map<UUID, Notification> created = awaitFanOut(tenant, eventId).stream()
			.collect(Collectors.toMap(Notification::getSubscriptionId, Function.identity()));
		Subscription later = webhook(tenant, type, "shipped");

		EventView view = this.eventLog.find(new TenantScope(tenant.getId(), Actor.SYSTEM), eventId);

		assertThat(view.id()).isEqualTo(eventId);
		assertThat(view.type()).isEqualTo("OrderShipped");
		assertThat(view.subject()).isEqualTo("user-1");
		assertThat(view.data().get("order").asString()).isEqualTo("A-1");
		assertThat(view.receivedAt()).isNotNull();
		Map<UUID, EventView.Explanation> explain = view.explain()
			.stream()
			.collect(Collectors.toMap(EventView.Explanation::subscriptionId, Function.identity()));
		assertThat(explain).containsOnlyKeys(notified.getId(), filtered.getId(), suppressed.getId(), noTemplate.getId(),
				disabled.getId(), later.getId());
		assertThat(explain.get(notified.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo("NOTIFIED");
			assertThat(e.reason()).isNull();
			assertThat(e.channel()).isEqualTo("WEBHOOK");
			assertThat(e.eventType()).isEqualTo("OrderShipped");
			assertThat(e.notificationIds()).containsExactly(created.get(notified.getId()).getId());
		});
		assertThat(explain.get(filtered.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo("FILTERED");
			assertThat(e.reason()).contains("data.total > 100");
			assertThat(e.notificationIds()).isEmpty();
		});
		assertThat(explain.get(suppressed.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo("SUPPRESSED");
			assertThat(e.reason()).isEqualTo("recipient opted out of the EMAIL channel");
			assertThat(e.channel()).isEqualTo("EMAIL");
			assertThat(e.notificationIds()).containsExactly(created.get(suppressed.getId()).getId());
		});
		assertThat(created.get(suppressed.getId()).getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(explain.get(noTemplate.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo("FAILED");
			assertThat(e.reason()).contains("no template 'missing'");
		});
		assertThat(explain.get(disabled.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo("DISABLED");
			assertThat(e.notificationIds()).isEmpty();
		});
		assertThat(explain.get(later.getId())).satisfies((e) -> {
			assertThat(e.outcome()).isEqualTo(EventView.NOT_EVALUATED);
			assertThat(e.decidedAt()).isNull();
		});
	}

	@Test
	void anotherTenantsEventAndAnUnknownEventAreNotFound() {
		Tenant owner = newTenant();
		EventType type = eventType(owner, "Pinged", null);
		template(owner, "ping", Channel.WEBHOOK, "en", 1, "Ping", "Ping");
		webhook(owner, type, "ping");
		String eventId = publish(owner, "Pinged", "s", "{}");
		awaitFanOut(owner, eventId);
		Tenant other = newTenant();

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.eventLog.find(new TenantScope(other.getId(), Actor.SYSTEM), eventId));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.eventLog.find(new TenantScope(owner.getId(), Actor.SYSTEM), "evt-unknown"));
	}

}
