package io.herald.local.invariants;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the suite's events straight to {@code herald.events} as a trusted producer
 * would (structured CloudEvents JSON, {@code tenantid} extension, key
 * {@code tenantId/subject}, {@code acks=all}, idempotent), and its poison: an unknown
 * tenant, an unknown event type, a body that is not JSON. The producer keeps retrying
 * through a broker restart; what it finally fails to write is remembered.
 */
final class SuitePublisher implements AutoCloseable {

	static final String TOPIC = "herald.events";

	private static final byte[] CONTENT_TYPE = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);

	private final KafkaProducer<String, byte[]> producer;

	private final JsonMapper json = JsonMapper.builder().build();

	private final CloudEventCodec codec = new CloudEventCodec(this.json);

	private final Set<String> failed = ConcurrentHashMap.newKeySet();

	SuitePublisher(String bootstrapServers) {
		int tenMinutes = (int) Duration.ofMinutes(10).toMillis();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, tenMinutes, ProducerConfig.MAX_BLOCK_MS_CONFIG,
						tenMinutes, ProducerConfig.CLIENT_ID_CONFIG, "herald-invariants"),
				new StringSerializer(), new ByteArraySerializer());
	}

	void event(String eventId, UUID tenant) {
		ObjectNode data = this.json.createObjectNode();
		data.put("order", eventId);
		data.put("total", "42.00");
		send(eventId, cloudEvent(eventId, SuiteTenants.EVENT_TYPE, tenant, data));
	}

	/** Poison number {@code n}: unknown tenant, unknown type or not JSON, in turn. */
	void poison(String poisonId, int n, UUID okTenant) {
		byte[] value = switch (n % 3) {
			case 0 -> this.codec
				.write(cloudEvent(poisonId, SuiteTenants.EVENT_TYPE, UUID.randomUUID(), this.json.createObjectNode()));
			case 1 -> this.codec.write(cloudEvent(poisonId, "NoSuchType", okTenant, this.json.createObjectNode()));
			default ->
				("{\"specversion\":\"1.0\",\"id\":\"" + poisonId + "\",\"data\":{").getBytes(StandardCharsets.UTF_8);
		};
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, okTenant + "/" + poisonId, value);
		record.headers().add("content-type", CONTENT_TYPE);
		this.producer.send(record, (metadata, failure) -> {
			if (failure != null) {
				this.failed.add(poisonId);
			}
		});
	}

	private CloudEventEnvelope cloudEvent(String id, String type, UUID tenant, ObjectNode data) {
		return new CloudEventEnvelope(id, "/invariants", type, "customer-" + (id.hashCode() & 1023), Instant.now(),
				"application/json", data, tenant);
	}

	private void send(String eventId, CloudEventEnvelope event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.partitionKey(),
				this.codec.write(event));
		record.headers().add("content-type", CONTENT_TYPE);
		this.producer.send(record, (metadata, failure) -> {
			if (failure != null) {
				this.failed.add(eventId);
			}
		});
	}

	void flush() {
		this.producer.flush();
	}

	/** Ids whose record the producer finally failed to write. */
	Set<String> failed() {
		return this.failed;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
