package io.herald.worker.fanout;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.tenant.Tenant;
import io.herald.worker.IngestIntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that tries to hurt the worker (a template that exhausts memory, a JSON Schema
 * pattern that backtracks, recipients too long or too many) fails only its own
 * notification or event, with a reason; the worker goes on with everyone else's events.
 */
class HostileInputIntegrationTests extends IngestIntegrationTestSupport {

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

	@Test
	void backtrackingSchemaPatternIsAnsweredPromptlyAndTheNextEventIsDelivered() {
		Tenant attacker = newTenant();
		eventType(attacker, "Patterned",
				"{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"^(.*a){20}$\"}}}");
		Tenant victim = newTenant();
		EventType ordered = eventType(victim, "OrderPlaced", null);
		template(victim, "order", Channel.WEBHOOK, "en", 1, "Order", "Order {{ data.id }}");
		webhook(victim, ordered, "order");

		String evil = publish(attacker, "Patterned", "s-1", "{\"s\":\"" + "a".repeat(29) + "b\"}");
		String order = publish(victim, "OrderPlaced", "s-2", "{\"id\":7}");

		assertThat(awaitFanOut(victim, order)).singleElement().extracting(Notification::getBody).isEqualTo("Order 7");
		assertThat(header(awaitDeadLetter((record) -> new String(record.value()).contains(evil)), "herald-dlq-reason"))
			.contains("does not match the JSON Schema");
	}

	@Test
	void recipientsLongerThanTheirColumnsFailWithAReasonInsteadOfADatabaseError() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "Invited", null);
		template(tenant, "invite", Channel.EMAIL, "en", 1, "Invite", "Join us");
		subscription(tenant, type, "invite", Channel.EMAIL, null, "/to", null);
		String tooLong = "x".repeat(600) + "@example.com";

		List<Notification> created = awaitFanOut(tenant,
				publish(tenant, "Invited", "s", "{\"to\":[\"" + tooLong + "\",\"ok@example.com\"]}"));

		assertThat(created).hasSize(2);
		assertThat(created).filteredOn((n) -> n.getStatus() == NotificationStatus.FAILED)
			.singleElement()
			.satisfies((n) -> {
				assertThat(n.getStatusReason()).isEqualTo("recipient is 612 characters long; at most 500 fit");
				assertThat(n.getRecipient()).hasSizeLessThanOrEqualTo(500).startsWith("xxxx");
			});
		assertThat(created).filteredOn((n) -> n.getStatus() == NotificationStatus.PENDING)
			.extracting(Notification::getAddress)
			.containsExactly("ok@example.com");
	}

	@Test
	void recipientsBeyondTheCapAreNotCreatedAndOneMarkerSaysHowMany() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "Broadcast", null);
		template(tenant, "news", Channel.EMAIL, "en", 1, "News", "Hello");
		subscription(tenant, type, "news", Channel.EMAIL, null, "/to", null);
		String addresses = IntStream.range(0, 1_005)
			.mapToObj((i) -> "\"u" + i + "@example.com\"")
			.collect(Collectors.joining(","));

		List<Notification> created = awaitFanOut(tenant,
				publish(tenant, "Broadcast", "s", "{\"to\":[" + addresses + "]}"));

		assertThat(created).filteredOn((n) -> n.getStatus() == NotificationStatus.PENDING).hasSize(1_000);
		assertThat(created).filteredOn((n) -> n.getStatus() == NotificationStatus.FAILED)
			.singleElement()
			.satisfies((n) -> {
				assertThat(n.getRecipient()).isEqualTo("-");
				assertThat(n.getStatusReason()).startsWith("5 more recipients were not notified: at most 1000");
			});
	}

	@Test
	void anEnvelopeAttributeLongerThanItsColumnIsPoisonDeadLetteredAtOnce() {
		Tenant tenant = newTenant();
		eventType(tenant, "UserRegistered", null);
		double consumed = count("herald.events.consumed");
		CloudEventEnvelope event = event(tenant, "UserRegistered", "s".repeat(501), "{}");
		send(new ProducerRecord<>(TOPIC, "too-long-subject", this.codec.write(event)));

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter((r) -> "too-long-subject".equals(r.key()));

		assertThat(header(dead, "herald-dlq-reason"))
			.isEqualTo("not a valid CloudEvent: subject must be at most 500 characters");
		assertThat(count("herald.events.consumed") - consumed).as("deliveries").isEqualTo(1);
	}

}
