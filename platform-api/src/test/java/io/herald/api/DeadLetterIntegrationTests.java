package io.herald.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.audit.AuditEntry;
import io.herald.core.audit.AuditEntryRepository;
import io.herald.core.testing.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/ops/dead-letters}: listing what sits on {@code herald.events.dlq} and
 * re-driving a chosen set to {@code herald.events}, over the real Kafka broker. The dead
 * letters are written here with the headers the worker's dead-letter publisher writes (no
 * worker runs in this module; platform-local's DeadLetterRedriveIntegrationTests runs the
 * whole way).
 */
class DeadLetterIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private AuditEntryRepository audit;

	@Test
	void operatorListsDeadLettersByTenantAndReason() {
		TestTenant a = newTenant();
		TestTenant b = newTenant();
		deadLetter(a, "evt-a1", "unknown event type 'OrderPlaced'");
		deadLetter(a, "evt-a2", "data does not match the JSON Schema of event type 'UserRegistered': $.age: string");
		deadLetter(b, "evt-b1", "unknown event type 'OrderPlaced'");
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);

		Response listed = operator.get("/api/v1/ops/dead-letters?tenant=" + a.slug());
		assertThat(listed.status()).isEqualTo(200);
		JsonNode items = listed.json().get("items");
		assertThat(items.findValuesAsString("eventId")).containsExactly("evt-a2", "evt-a1");
		JsonNode first = items.get(0);
		assertThat(first.get("tenantId").asString()).isEqualTo(a.id().toString());
		assertThat(first.get("reason").asString()).startsWith("data does not match the JSON Schema");
		assertThat(first.get("partition").isInt()).isTrue();
		assertThat(first.get("offset").asLong()).isNotNegative();
		assertThat(Instant.parse(first.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(first.get("redriven").asBoolean()).isFalse();

		assertThat(operator.get("/api/v1/ops/dead-letters?tenant=" + a.slug() + "&reason=UNKNOWN%20EVENT")
			.json()
			.get("items")
			.findValuesAsString("eventId")).containsExactly("evt-a1");
		assertThat(operator.get("/api/v1/ops/dead-letters?tenant=" + a.slug() + "&limit=1").json().get("items"))
			.hasSize(1);
		assertThat(operator.get("/api/v1/ops/dead-letters?reason=unknown%20event")
			.json()
			.get("items")
			.findValuesAsString("eventId")).contains("evt-a1", "evt-b1").doesNotContain("evt-a2");

		Response badLimit = operator.get("/api/v1/ops/dead-letters?limit=0");
		assertThat(badLimit.status()).isEqualTo(400);
		assertThat(badLimit.contentType()).startsWith("application/problem+json");
		assertThat(operator.get("/api/v1/ops/dead-letters?tenant=no-such-tenant").status()).isEqualTo(404);
		assertThat(as(a).get("/api/v1/ops/dead-letters").status()).isIn(401, 403);
		assertThat(as(a).post("/api/v1/ops/dead-letters/redrive", "{\"dryRun\":true}").status()).isIn(401, 403);
	}

	@Test
	void redriveRepublishesTheChosenLettersOnceAndAuditsIt() {
		TestTenant a = newTenant();
		deadLetter(a, "evt-r1", "unknown event type 'OrderPlaced'");
		deadLetter(a, "evt-r2", "unknown event type 'OrderPlaced'");
		deadLetter(a, "evt-r3", "the event has a schema problem");
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String filter = "\"tenant\":\"" + a.slug() + "\",\"reason\":\"unknown event type\"";

		Response dryRun = operator.post("/api/v1/ops/dead-letters/redrive", "{" + filter + ",\"dryRun\":true}");
		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.json().get("matched").asInt()).isEqualTo(2);
		assertThat(dryRun.json().get("republished").asInt()).isZero();
		assertThat(dryRun.json().get("dryRun").asBoolean()).isTrue();
		assertThat(redrivenFrom(a)).isEmpty();
		assertThat(redriveEntries(a)).isEmpty();

		Response redriven = operator.post("/api/v1/ops/dead-letters/redrive", "{" + filter + "}");
		assertThat(redriven.status()).isEqualTo(200);
		assertThat(redriven.json().get("matched").asInt()).isEqualTo(2);
		assertThat(redriven.json().get("republished").asInt()).isEqualTo(2);
		assertThat(redriven.json().get("alreadyRedriven").asInt()).isZero();

		List<ConsumerRecord<byte[], byte[]>> republished = redrivenFrom(a);
		assertThat(republished).extracting((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.hasSize(2)
			.anySatisfy((value) -> assertThat(value).contains("\"id\":\"evt-r1\""))
			.anySatisfy((value) -> assertThat(value).contains("\"id\":\"evt-r2\""));
		for (ConsumerRecord<byte[], byte[]> record : republished) {
			assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(a.id() + "/user-1");
			assertThat(headerNames(record)).contains("herald-redriven-from", "ce_specversion")
				.noneMatch((name) -> name.startsWith("herald-dlq-") || name.startsWith("kafka_dlt-"));
		}

		Response again = operator.post("/api/v1/ops/dead-letters/redrive", "{" + filter + "}");
		assertThat(again.json().get("republished").asInt()).isZero();
		assertThat(again.json().get("alreadyRedriven").asInt()).isEqualTo(2);
		assertThat(redrivenFrom(a)).hasSize(2);
		assertThat(operator.get("/api/v1/ops/dead-letters?tenant=" + a.slug()).json().get("items"))
			.extracting((item) -> item.get("eventId").asString() + "=" + item.get("redriven").asBoolean())
			.containsExactlyInAnyOrder("evt-r1=true", "evt-r2=true", "evt-r3=false");

		List<AuditEntry> entries = redriveEntries(a);
		assertThat(entries).hasSize(2);
		assertThat(entries.get(0).getActor()).isEqualTo(OPERATOR);
		assertThat(entries.get(0).getDetails()).contains("\"reason\":\"unknown event type\"")
			.contains("\"tenantId\":\"" + a.id() + "\"")
			.contains("\"matched\":2")
			.contains("\"republished\":2");
		assertThat(entries.get(1).getDetails()).contains("\"republished\":0").contains("\"alreadyRedriven\":2");
	}

	private List<AuditEntry> redriveEntries(TestTenant tenant) {
		return this.audit.findAll()
			.stream()
			.filter((entry) -> entry.getAction().equals("dead_letters.redriven"))
			.filter((entry) -> tenant.id().equals(entry.getTenantId()))
			.sorted((x, y) -> x.getCreatedAt().compareTo(y.getCreatedAt()))
			.toList();
	}

	/** A dead letter as the worker's dead-letter publisher writes it. */
	private void deadLetter(TestTenant tenant, String eventId, String reason) {
		String event = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/shop\","
				+ "\"type\":\"OrderPlaced\",\"subject\":\"user-1\",\"tenantid\":\"" + tenant.id() + "\",\"data\":{}}";
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("herald.events.dlq", null,
				(tenant.id() + "/user-1").getBytes(StandardCharsets.UTF_8), event.getBytes(StandardCharsets.UTF_8));
		header(record, "ce_specversion", "1.0");
		header(record, "kafka_dlt-original-topic", "herald.events");
		header(record, "herald-dlq-reason", reason);
		header(record, "herald-dlq-original-topic", "herald.events");
		header(record, "herald-dlq-original-partition", "0");
		header(record, "herald-dlq-original-offset", "7");
		header(record, "herald-dlq-failed-at", Instant.now().toString());
		header(record, "herald-dlq-tenant", tenant.id().toString());
		header(record, "herald-dlq-event-id", eventId);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	/** Every record on herald.events re-driven for the tenant. */
	private List<ConsumerRecord<byte[], byte[]>> redrivenFrom(TestTenant tenant) {
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("herald.events")
				.stream()
				.map((info) -> new TopicPartition("herald.events", info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plusSeconds(30);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
					&& Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.headers().lastHeader("herald-redriven-from") != null && record.key() != null
							&& new String(record.key(), StandardCharsets.UTF_8).startsWith(tenant.id().toString())) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

	private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
		List<String> names = new ArrayList<>();
		for (Header header : record.headers()) {
			names.add(header.key());
		}
		return names;
	}

}
