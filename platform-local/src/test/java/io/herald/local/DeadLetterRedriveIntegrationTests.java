package io.herald.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead-letter re-drive over the whole local stack: a trusted producer writes facts of a
 * type the tenant has not registered yet straight to {@code herald.events}, the worker
 * dead-letters them, the tenant registers the type and a webhook subscription, the
 * operator re-drives the dead letters, and each fact reaches the receiver once: a second
 * re-drive publishes nothing, and a fact the tenant had meanwhile published again itself
 * is deduplicated by its event id.
 */
class DeadLetterRedriveIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	@TempDir
	static Path dataDir;

	static RunningHerald herald;

	static HttpServer receiver;

	static final List<String> delivered = new CopyOnWriteArrayList<>();

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		herald = HeraldLocal.start(LocalSettings.defaults()
			.withDataDir(dataDir)
			.withFreePorts()
			.withOperator("operator", "operator-secret-for-tests"));
	}

	@AfterAll
	static void stop() {
		if (herald != null) {
			herald.close();
		}
		if (receiver != null) {
			receiver.stop(0);
		}
	}

	@Test
	void poisonedThenFixedEventsAreDeliveredOnceAfterARedrive() throws Exception {
		JsonNode tenant = read(ops("POST", "/api/v1/ops/tenants", "{\"slug\":\"redrive\",\"name\":\"Redrive\"}"));
		String tenantId = tenant.get("id").asString();
		String apiKey = tenant.get("apiKey").asString();

		// OrderPlaced is not registered yet: the worker dead-letters both facts
		publishStraightToKafka(tenantId, "ord-1");
		publishStraightToKafka(tenantId, "ord-2");
		await().atMost(WAIT)
			.until(() -> read(ops("GET", "/api/v1/ops/dead-letters?tenant=redrive", null)).get("items").size() == 2);
		JsonNode letters = read(
				ops("GET", "/api/v1/ops/dead-letters?tenant=redrive&reason=unknown%20event%20type", null))
			.get("items");
		assertThat(letters.findValuesAsString("eventId")).containsExactlyInAnyOrder("ord-1", "ord-2");
		assertThat(letters.get(0).get("reason").asString()).contains("unknown event type 'OrderPlaced'");

		// the fix: the type and a subscription
		String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
		assertThat(call("POST", "/api/v1/event-types", apiKey, "{\"name\":\"OrderPlaced\"}").statusCode())
			.isEqualTo(201);
		assertThat(call("POST", "/api/v1/templates", apiKey,
				"{\"name\":\"order-hook\",\"channel\":\"WEBHOOK\",\"body\":\"Order {{ data.order }}\"}")
			.statusCode()).isEqualTo(201);
		assertThat(call("POST", "/api/v1/subscriptions", apiKey,
				"{\"eventType\":\"OrderPlaced\",\"template\":\"order-hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\""
						+ hook + "\",\"enabled\":true}")
			.statusCode()).isEqualTo(201);
		// the tenant's service publishes ord-2 again itself before the operator re-drives
		assertThat(call("POST", "/api/v1/events", apiKey, event("ord-2")).statusCode()).isEqualTo(202);
		await().atMost(WAIT).until(() -> delivered.size() == 1);

		String redrive = "/api/v1/ops/dead-letters/redrive";
		String filter = "\"tenant\":\"redrive\",\"reason\":\"unknown event type\"";
		JsonNode dryRun = read(ops("POST", redrive, "{" + filter + ",\"dryRun\":true}"));
		assertThat(dryRun.get("matched").asInt()).isEqualTo(2);
		assertThat(dryRun.get("republished").asInt()).isZero();

		JsonNode first = read(ops("POST", redrive, "{" + filter + "}"));
		assertThat(first.get("republished").asInt()).isEqualTo(2);
		await().atMost(WAIT).until(() -> delivered.size() >= 2);
		JsonNode second = read(ops("POST", redrive, "{" + filter + "}"));
		assertThat(second.get("republished").asInt()).isZero();
		assertThat(second.get("alreadyRedriven").asInt()).isEqualTo(2);

		// a later fact on the same key: once it is delivered, the re-driven ord-2 before
		// it has been consumed (and deduplicated) too
		publishStraightToKafka(tenantId, "ord-3");
		await().atMost(WAIT).until(() -> delivered.stream().anyMatch((body) -> body.contains("\"ord-3\"")));
		assertThat(delivered).extracting((body) -> read(body).get("eventId").asString())
			.containsExactlyInAnyOrder("ord-1", "ord-2", "ord-3");
		JsonNode sent = read(call("GET", "/api/v1/notifications?eventId=ord-1", apiKey, null));
		assertThat(sent.get("items")).hasSize(1);
		await().atMost(WAIT)
			.until(() -> read(call("GET", "/api/v1/notifications?eventId=ord-1", apiKey, null)).get("items")
				.get(0)
				.get("status")
				.asString()
				.equals("SENT"));
	}

	private static String event(String id) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/shop\",\"type\":\"OrderPlaced\","
				+ "\"subject\":\"user-1\",\"data\":{\"order\":\"" + id + "\"}}";
	}

	private static void publishStraightToKafka(String tenantId, String id) throws Exception {
		String structured = event(id).replace("\"data\":", "\"tenantid\":\"" + tenantId + "\",\"data\":");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, herald.kafkaBootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("herald.events", tenantId + "/user-1",
					structured);
			record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
	}

	private HttpResponse<String> ops(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.apiUrl() + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((herald.operatorUsername() + ":" + herald.operatorPassword())
							.getBytes(StandardCharsets.UTF_8)))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.apiUrl() + path))
			.header("Authorization", "Bearer " + apiKey)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode read(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isLessThan(300);
		return this.json.readTree(response.body());
	}

	private JsonNode read(String body) {
		return this.json.readTree(body);
	}

}
