package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.testing.TestServers;
import io.herald.core.tenant.Tenant;
import io.herald.worker.IngestIntegrationTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch paths of ingestion. Records are produced with a lingering producer to one
 * partition, so they travel in one Kafka record batch and reach the worker in one poll.
 */
class BatchIngestIntegrationTests extends IngestIntegrationTestSupport {

	private Tenant tenant;

	private String endpoint;

	@BeforeEach
	void tenantWithOneWebhook() {
		this.tenant = newTenant();
		EventType type = eventType(this.tenant, "OrderPlaced", """
				{"type":"object","required":["orderId"],"properties":{"orderId":{"type":"integer"}}}""");
		template(this.tenant, "hook", Channel.WEBHOOK, "en", 1, "Order {{ data.orderId }}", "{{ event.subject }}");
		this.endpoint = webhook(this.tenant, type, "hook").getEndpoint();
	}

	@Test
	void copiesOfAnEventInsideOneBatchYieldOneNotification() throws Exception {
		double hits = count("herald.dedupe.hits");
		CloudEventEnvelope event = event(this.tenant, "OrderPlaced", "c-1", "{\"orderId\":1}");
		CloudEventEnvelope other = event(this.tenant, "OrderPlaced", "c-2", "{\"orderId\":2}");
		byte[] value = this.codec.write(event);

		sendTogether(List.of(value, this.codec.write(other), value, value));

		assertThat(awaitFanOut(this.tenant, other.id())).hasSize(1);
		await().atMost(TIMEOUT).until(() -> count("herald.dedupe.hits") - hits >= 2);
		assertThat(notificationsOf(this.tenant, event.id())).singleElement()
			.satisfies((n) -> assertThat(n.getRecipient()).isEqualTo(this.endpoint));
		assertThat(count("herald.dedupe.hits") - hits).isEqualTo(2);
	}

	@Test
	void poisonRecordInsideABatchGoesAloneToTheDeadLetterTopicAndTheRestIsProcessed() throws Exception {
		double deadLetters = count("herald.dlq.published");
		CloudEventEnvelope before = event(this.tenant, "OrderPlaced", "c-1", "{\"orderId\":1}");
		CloudEventEnvelope poison = event(this.tenant, "OrderPlaced", "c-2", "{\"orderId\":\"two\"}");
		CloudEventEnvelope after = event(this.tenant, "OrderPlaced", "c-3", "{\"orderId\":3}");
		String garbage = "not a cloud event " + UUID.randomUUID();
		CloudEventEnvelope last = event(this.tenant, "OrderPlaced", "c-4", "{\"orderId\":4}");

		sendTogether(List.of(this.codec.write(before), this.codec.write(poison), this.codec.write(after),
				garbage.getBytes(StandardCharsets.UTF_8), this.codec.write(last)));

		for (CloudEventEnvelope good : List.of(before, after, last)) {
			List<Notification> notifications = awaitFanOut(this.tenant, good.id());
			assertThat(notifications).as(good.id()).hasSize(1);
		}
		assertThat(awaitDeadLetter((r) -> poison.id().equals(header(r, "herald-dlq-event-id"))))
			.satisfies((dead) -> assertThat(header(dead, "herald-dlq-reason")).contains("/orderId"));
		assertThat(awaitDeadLetter((r) -> garbage.equals(new String(r.value(), StandardCharsets.UTF_8))))
			.satisfies((dead) -> assertThat(header(dead, "herald-dlq-reason")).startsWith("not a valid CloudEvent"));
		assertThat(count("herald.dlq.published") - deadLetters).isEqualTo(2);
		assertThat(this.events.findById(new io.herald.core.event.EventRecord.Key(this.tenant.getId(), poison.id())))
			.isEmpty();
	}

	/** Sends the values to one partition in one producer batch. */
	private void sendTogether(List<byte[]> values) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 500);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		String key = this.tenant.getId() + "/batch";
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			List<Future<?>> sent = values.stream()
				.<Future<?>>map((value) -> producer.send(new ProducerRecord<>(TOPIC, 0, key, value)))
				.toList();
			producer.flush();
			for (Future<?> future : sent) {
				future.get();
			}
		}
	}

}
