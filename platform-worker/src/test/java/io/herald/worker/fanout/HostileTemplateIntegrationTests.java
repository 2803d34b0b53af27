package io.herald.worker.fanout;

import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.tenant.Tenant;
import io.herald.worker.IngestIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's template that tries to exhaust memory fails its own notification with a
 * reason; the worker stays up and goes on delivering everyone else's events.
 */
class HostileTemplateIntegrationTests extends IngestIntegrationTestSupport {

	private static final String BOMB = "{% assign x = \"aaaaaaaaaaaaaaaa\" %}"
			+ "{% for i in (1..40) %}{% assign x = x | append: x %}{% endfor %}{{ x }}";

	@Test
	void memoryBombTemplateFailsItsNotificationAndTheNextEventIsDelivered() {
		Tenant attacker = newTenant();
		EventType bombed = eventType(attacker, "Bombed", null);
		template(attacker, "bomb", Channel.WEBHOOK, "en", 1, "Boom", BOMB);
		webhook(attacker, bombed, "bomb");
		Tenant victim = newTenant();
		EventType ordered = eventType(victim, "OrderPlaced", null);
		template(victim, "order", Channel.WEBHOOK, "en", 1, "Order", "Order {{ data.id }}");
		webhook(victim, ordered, "order");

		String bomb = publish(attacker, "Bombed", "s-1", "{}");
		String order = publish(victim, "OrderPlaced", "s-2", "{\"id\":42}");

		assertThat(awaitFanOut(attacker, bomb)).singleElement().satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.FAILED);
			assertThat(n.getStatusReason()).startsWith("template 'bomb' version 1 (en) failed to render: ")
				.contains("a value grew over");
			assertThat(n.getBody()).isNull();
		});
		assertThat(awaitFanOut(victim, order)).singleElement()
			.extracting(Notification::getStatus, Notification::getBody)
			.containsExactly(NotificationStatus.PENDING, "Order 42");
	}

}
