package io.herald.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herald.api.ApiClient.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/events/batch}: each event judged alone, the accepted ones read back
 * from the real {@code herald.events} topic.
 */
class BatchIngestIntegrationTests extends ApiIntegrationTest {

	private static final String BATCH = "/api/v1/events/batch";

	private static final String MEDIA_TYPE = "application/cloudevents-batch+json";

	private static final String PROBLEMS = "https://herald.dev/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	private KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

	@BeforeEach
	void subscribe() {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"api-batch-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of("herald.events"));
	}

	@AfterEach
	void close() {
		this.consumer.close(Duration.ofSeconds(1));
	}

	@Test
	void mixedBatchIsJudgedPerEventAndOnlyTheAcceptedOnesReachTheLog() {
		TestTenant tenant = tenantWithTypes();
		String valid = UUID.randomUUID().toString();
		String schemaInvalid = UUID.randomUUID().toString();
		String unknownType = UUID.randomUUID().toString();
		String otherValid = UUID.randomUUID().toString();
		String batch = "["
				+ String.join(",", event(valid, "order.placed", "{\"orderId\":\"o-1\"}"),
						event(schemaInvalid, "order.placed", "{\"orderId\":7}"),
						event(unknownType, "no.such.type", "{}"), event(valid, "order.placed", "{\"orderId\":\"o-2\"}"),
						"{\"specversion\":\"1.0\",\"id\":\"x\"}", "42", event(otherValid, "user.registered", "{}"))
				+ "]";

		Response response = as(tenant).post(BATCH, batch, MEDIA_TYPE);

		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("accepted").asInt()).isEqualTo(2);
		assertThat(body.get("rejected").asInt()).isEqualTo(5);
		JsonNode results = body.get("results");
		assertThat(results.valueStream().map((result) -> result.get("status").asString())).containsExactly("ACCEPTED",
				"REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "ACCEPTED");
		assertThat(results.get(0).get("id").asString()).isEqualTo(valid);
		assertThat(results.get(0).has("problem")).isFalse();
		assertThat(results.get(1).at("/problem/type").asString()).isEqualTo(PROBLEMS + "schema-violation");
		assertThat(results.get(1).at("/problem/status").asInt()).isEqualTo(422);
		assertThat(results.get(1).at("/problem/violations/0").asString()).startsWith("/orderId");
		assertThat(results.get(2).at("/problem/type").asString()).isEqualTo(PROBLEMS + "unknown-event-type");
		assertThat(results.get(3).at("/problem/type").asString()).isEqualTo(PROBLEMS + "duplicate-event-in-batch");
		assertThat(results.get(3).at("/problem/duplicateOf").asInt()).isZero();
		assertThat(results.get(4).at("/problem/type").asString()).isEqualTo(PROBLEMS + "validation");
		assertThat(results.get(4).at("/problem/errors").findValuesAsString("field")).contains("source", "type");
		assertThat(results.get(5).has("id")).isFalse();
		assertThat(results.get(5).at("/problem/errors/0/message").asString()).isEqualTo("must be a JSON object");
		assertThat(results.get(6).get("index").asInt()).isEqualTo(6);

		// accepted means in the log when the answer comes; the first copy of a duplicated
		// id
		// is the one published, rejected events are not there
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			poll();
			assertThat(recordsFor(valid)).hasSize(1);
			assertThat(recordsFor(otherValid)).hasSize(1);
		});
		assertThat(JSON.readTree(recordsFor(valid).get(0).value()).at("/data/orderId").asString()).isEqualTo("o-1");
		assertThat(recordsFor(valid).get(0).key()).isEqualTo(tenant.id() + "/s-" + valid);
		assertThat(JSON.readTree(recordsFor(otherValid).get(0).value()).get("tenantid").asString())
			.isEqualTo(tenant.id().toString());
		assertThat(recordsFor(schemaInvalid)).isEmpty();
		assertThat(recordsFor(unknownType)).isEmpty();
	}

	@Test
	void fiveHundredEventsAreAcceptedAndFiveHundredAndOneAreRefusedWhole() {
		TestTenant tenant = tenantWithTypes();
		List<String> ids = IntStream.range(0, 501).mapToObj((i) -> UUID.randomUUID().toString()).toList();
		Response tooMany = as(tenant).post(BATCH, batchOf(ids), MEDIA_TYPE);
		assertThat(tooMany.status()).isEqualTo(413);
		assertThat(tooMany.isProblem()).isTrue();
		assertThat(tooMany.problemType()).isEqualTo(PROBLEMS + "payload-too-large");
		assertThat(tooMany.json().get("maxEvents").asInt()).isEqualTo(500);

		Response full = as(tenant).post(BATCH, batchOf(ids.subList(0, 500)), "application/json");
		assertThat(full.status()).isEqualTo(200);
		assertThat(full.json().get("accepted").asInt()).isEqualTo(500);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			poll();
			assertThat(ids.subList(0, 500)).allSatisfy((id) -> assertThat(recordsFor(id)).hasSize(1));
		});
		// nothing of the refused batch's 501st event reached the log
		assertThat(recordsFor(ids.get(500))).isEmpty();
	}

	@Test
	void aBodyThatIsNotAnArrayOrIsEmptyIsABadRequest() {
		TestTenant tenant = tenantWithTypes();
		Response object = as(tenant).post(BATCH, event("e-1", "order.placed", "{}"), MEDIA_TYPE);
		assertThat(object.status()).isEqualTo(400);
		assertThat(object.problemType()).isEqualTo(PROBLEMS + "validation");
		Response empty = as(tenant).post(BATCH, "[]", MEDIA_TYPE);
		assertThat(empty.status()).isEqualTo(400);
		Response broken = as(tenant).post(BATCH, "[{\"id\":", MEDIA_TYPE);
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.problemType()).isEqualTo(PROBLEMS + "malformed-request");
		assertThat(as(tenant).post(BATCH, "[]", "text/plain").status()).isEqualTo(415);
	}

	@Test
	void theQuotaCountsEveryEventOfTheBatch() {
		TestTenant tenant = tenantWithTypes();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		assertThat(
				operator.put("/api/v1/ops/tenants/" + tenant.slug() + "/limits", "{\"eventsPerSecond\":1,\"burst\":10}")
					.status())
			.isEqualTo(200);
		// the key's limits are re-read within the lookup-cache time: a batch bigger than
		// the burst can never pass and is refused as too large, not rate-limited
		Response tooBig = await().atMost(Duration.ofSeconds(15))
			.until(() -> as(tenant).post(BATCH, batchOf(ids(11)), MEDIA_TYPE), (r) -> r.status() == 413);
		assertThat(tooBig.json().get("maxEvents").asInt()).isEqualTo(10);

		// 7 events take 7 permits of the 10: the next 4 are over the quota, 3 still fit
		Response seven = as(tenant).post(BATCH, batchOf(ids(7)), MEDIA_TYPE);
		assertThat(seven.status()).isEqualTo(200);
		Response four = as(tenant).post(BATCH, batchOf(ids(4)), MEDIA_TYPE);
		assertThat(four.status()).isEqualTo(429);
		assertThat(four.problemType()).isEqualTo(PROBLEMS + "rate-limited");
		assertThat(Long.parseLong(four.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(as(tenant).post(BATCH, batchOf(ids(3)), MEDIA_TYPE).status()).isEqualTo(200);
		// the single route shares the same quota
		assertThat(as(tenant)
			.post("/api/v1/events", event(UUID.randomUUID().toString(), "order.placed", "{\"orderId\":\"o\"}"))
			.status()).isEqualTo(429);
	}

	@Test
	void aKeyWithoutEventsWriteMayNotSendBatches() {
		TestTenant tenant = tenantWithTypes();
		Response key = as(tenant).post("/api/v1/api-keys", "{\"name\":\"reader\",\"scopes\":[\"config:read\"]}");
		assertThat(key.status()).isEqualTo(201);
		Response refused = this.api.withBearer(key.json().get("apiKey").asString())
			.post(BATCH, batchOf(ids(1)), MEDIA_TYPE);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.problemType()).isEqualTo(PROBLEMS + "insufficient-scope");
	}

	private TestTenant tenantWithTypes() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).post("/api/v1/event-types", """
				{"name":"order.placed","schema":{"type":"object","required":["orderId"],
				 "properties":{"orderId":{"type":"string"}}}}""").status()).isEqualTo(201);
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"user.registered\"}").status()).isEqualTo(201);
		return tenant;
	}

	private static List<String> ids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> UUID.randomUUID().toString()).toList();
	}

	private static String batchOf(List<String> ids) {
		return ids.stream()
			.map((id) -> event(id, "order.placed", "{\"orderId\":\"" + id + "\"}"))
			.collect(Collectors.joining(",", "[", "]"));
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.received::add);
	}

	private List<ConsumerRecord<String, byte[]>> recordsFor(String id) {
		return this.received.stream()
			.filter((record) -> id.equals(JSON.readTree(record.value()).get("id").asString()))
			.toList();
	}

	private static String event(String id, String type, String data) {
		return """
				{"specversion":"1.0","id":"%s","source":"/test","type":"%s","subject":"s-%s","data":%s}""".formatted(id,
				type, id, data);
	}

}
