package io.herald.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.herald.api.ApiClient.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events over HTTP, read back from the real {@code herald.events} topic.
 */
class EventIngestionIntegrationTests extends ApiIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Autowired
	private ProducerFactory<String, byte[]> eventProducerFactory;

	private KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

	@BeforeEach
	void subscribe() {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"api-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of("herald.events"));
	}

	@AfterEach
	void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

	@Test
	void acceptedEventLandsOnKafkaKeyedByTenantAndSubject() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		String id = UUID.randomUUID().toString();
		Response accepted = as(tenant).post("/api/v1/events", event(id, "UserRegistered", "user-42",
				"{\"user\":{\"name\":\"Ada\"}}", ",\"tenantid\":\"" + UUID.randomUUID() + "\""));
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.json().get("id").asString()).isEqualTo(id);
		ConsumerRecord<String, byte[]> record = awaitEvent(id).get(0);
		assertThat(record.key()).isEqualTo(tenant.id() + "/user-42");
		assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
			.isEqualTo("application/cloudevents+json");
		JsonNode published = JSON.readTree(record.value());
		assertThat(published.get("tenantid").asString()).isEqualTo(tenant.id().toString());
		assertThat(published.get("specversion").asString()).isEqualTo("1.0");
		assertThat(published.get("type").asString()).isEqualTo("UserRegistered");
		assertThat(published.at("/data/user/name").asString()).isEqualTo("Ada");
	}

	@Test
	void sameIdAgainIsAcceptedAndCloudEventsMediaTypeWorks() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}");
		String id = UUID.randomUUID().toString();
		String event = event(id, "OrderPlaced", "order-1", "{}", "");
		assertThat(as(tenant).post("/api/v1/events", event, "application/cloudevents+json").status()).isEqualTo(202);
		assertThat(as(tenant).post("/api/v1/events", event).status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			poll();
			assertThat(recordsFor(id)).hasSize(2);
		});
	}

	@Test
	void anIdWithBracesQuotesAndAmpersandsGetsALocationThatNamesIt() {
		TestTenant tenant = newTenant();
		as(tenant).post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}");
		String id = "order {a,b} \\\"q\\\" a&b=c+d " + UUID.randomUUID();
		Response accepted = as(tenant).post("/api/v1/events", event(id, "OrderPlaced", "order-1", "{}", ""));
		assertThat(accepted.status()).isEqualTo(202);
		String expectedId = id.replace("\\\"", "\"");
		assertThat(accepted.json().get("id").asString()).isEqualTo(expectedId);
		assertThat(accepted.location()).startsWith("/api/v1/notifications?eventId=");
		assertThat(URI.create(accepted.location()).getQuery()).isEqualTo("eventId=" + expectedId);
		assertThat(as(tenant).get(accepted.location()).status()).isEqualTo(200);
	}

	@Test
	void malformedJsonAndMissingTypeAreBadRequestsWithFieldErrors() {
		TestTenant tenant = newTenant();
		Response malformed = as(tenant).post("/api/v1/events", "{\"specversion\":\"1.0\",");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.isProblem()).isTrue();
		assertThat(malformed.json().get("errors").findValuesAsString("field")).containsExactly("body");
		Response noType = as(tenant).post("/api/v1/events",
				"{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/shop\",\"data\":{}}");
		assertThat(noType.status()).isEqualTo(400);
		assertThat(noType.problemType()).isEqualTo("https://herald.dev/problems/validation");
		assertThat(noType.json().get("errors").findValuesAsString("field")).containsExactly("type");
	}

	@Test
	void unregisteredTypeAndSchemaViolationsAreUnprocessable() {
		TestTenant tenant = newTenant();
		Response unknown = as(tenant).post("/api/v1/events", event("e-1", "Unregistered", "s", "{}", ""));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.problemType()).isEqualTo("https://herald.dev/problems/unknown-event-type");
		as(tenant).post("/api/v1/event-types", """
				{"name":"OrderShipped","schema":{"type":"object","required":["orderId"],
				 "properties":{"orderId":{"type":"string"}}}}""");
		String id = UUID.randomUUID().toString();
		Response invalid = as(tenant).post("/api/v1/events", event(id, "OrderShipped", "o-1", "{\"orderId\":7}", ""));
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.problemType()).isEqualTo("https://herald.dev/problems/schema-violation");
		assertThat(invalid.json().get("violations").get(0).asString()).startsWith("/orderId");
		String valid = UUID.randomUUID().toString();
		assertThat(as(tenant).post("/api/v1/events", event(valid, "OrderShipped", "o-1", "{\"orderId\":\"7\"}", ""))
			.status()).isEqualTo(202);
		awaitEvent(valid);
		assertThat(recordsFor(id)).isEmpty();
	}

	@Test
	void theEventProducerBatchesAndCompressesButStillWaitsForEveryReplica() {
		// the records read back in this class went through this producer, lz4 and all
		Map<String, Object> config = this.eventProducerFactory.getConfigurationProperties();
		assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
			.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
		assertThat(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG))).isEqualTo("5");
	}

	@Test
	void eventAndDeadLetterTopicsAreCreatedWithTheConfiguredPartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Map<String, TopicDescription> topics = admin.describeTopics(List.of("herald.events", "herald.events.dlq"))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.get("herald.events").partitions()).hasSize(3);
			assertThat(topics.get("herald.events.dlq").partitions()).hasSize(3);
		}
	}

	private List<ConsumerRecord<String, byte[]>> awaitEvent(String id) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			poll();
			assertThat(recordsFor(id)).isNotEmpty();
		});
		return recordsFor(id);
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.received::add);
	}

	private List<ConsumerRecord<String, byte[]>> recordsFor(String id) {
		return this.received.stream()
			.filter((record) -> id.equals(JSON.readTree(record.value()).get("id").asString()))
			.toList();
	}

	private static String event(String id, String type, String subject, String data, String extra) {
		return """
				{"specversion":"1.0","id":"%s","source":"/test","type":"%s","subject":"%s",
				 "time":"2026-11-26T10:00:00Z","data":%s%s}""".formatted(id, type, subject, data, extra);
	}

}
