package io.herald.local.benchmark;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.net.httpserver.HttpServer;
import io.herald.local.HeraldLocal;
import io.herald.local.LocalSettings;
import io.herald.local.RunningHerald;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end benchmark over the real local stack: events are POSTed to the API by a few
 * concurrent clients and delivered as signed webhooks to a receiver on 127.0.0.1.
 * Measures API accept latency, publish-to-webhook latency and delivered events per
 * second, for several rounds. Not part of the test suite (its name does not end in
 * Tests); run it with
 *
 * <pre>
 * ./mvnw -B -q -DskipTests install
 * ./mvnw -B -pl platform-local test -Dtest=EndToEndBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dherald.bench.events=1000 -Dherald.bench.rounds=3 -Dherald.bench.clients=8
 * </pre>
 *
 * The numbers go to standard output and to {@code target/benchmark-end-to-end.md}. The
 * only assertion is correctness: every event delivered exactly once.
 */
class EndToEndBenchmark {

	private static final int EVENTS = Integer.getInteger("herald.bench.events", 1000);

	private static final int ROUNDS = Integer.getInteger("herald.bench.rounds", 3);

	private static final int CLIENTS = Integer.getInteger("herald.bench.clients", 8);

	/**
	 * {@code api} (POST per event) or {@code kafka} (CloudEvents produced to the topic).
	 */
	private static final String INGEST = System.getProperty("herald.bench.ingest", "api");

	private String tenantId;

	private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();

	private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();

	private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

	@Test
	void publishToWebhook() throws Exception {
		Path dataDir = Files.createTempDirectory("herald-bench");
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		JsonMapper json = JsonMapper.builder().build();
		receiver.createContext("/hook", (exchange) -> {
			long now = System.nanoTime();
			String eventId = json.readTree(exchange.getRequestBody().readAllBytes()).get("eventId").asString();
			this.deliveredAt.putIfAbsent(eventId, now);
			this.deliveries.merge(eventId, 1, Integer::sum);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		List<String> report = new ArrayList<>();
		try (RunningHerald herald = HeraldLocal.start(LocalSettings.defaults()
			.withDataDir(dataDir)
			.withClean(true)
			.withFreePorts()
			.withOperator("operator", "benchmark"))) {
			String key = setUp(herald, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
			report
				.add("| round | events | clients | API accept p50 (ms) | API accept p99 (ms) | publish→webhook p50 (ms)"
						+ " | publish→webhook p99 (ms) | delivered events/s |");
			report.add("|---|---|---|---|---|---|---|---|");
			for (int round = 1; round <= ROUNDS; round++) {
				report.add(round(herald, key, round));
				System.out.println(report.get(report.size() - 1));
			}
		}
		finally {
			receiver.stop(0);
		}
		String text = "Herald end-to-end benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
				+ System.getProperty("java.version") + ")\n\n" + String.join("\n", report) + "\n";
		System.out.println(text);
		Files.writeString(Path.of("target", "benchmark-end-to-end.md"), text);
	}

	private String round(RunningHerald herald, String key, int round) throws Exception {
		if ("kafka".equals(INGEST)) {
			return kafkaRound(herald, round);
		}
		List<Long> acceptNanos = Collections.synchronizedList(new ArrayList<>());
		Map<String, Long> publishedAt = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < EVENTS; i++) {
				String id = "bench-" + round + "-" + i;
				sent.add(clients.submit(() -> {
					long before = System.nanoTime();
					publishedAt.put(id, before);
					HttpResponse<String> response = post(herald.apiUrl() + "/api/v1/events", key, event(id));
					acceptNanos.add(System.nanoTime() - before);
					assertThat(response.statusCode()).isEqualTo(202);
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get();
			}
		}
		return summary(round, start, publishedAt, acceptNanos);
	}

	private String summary(int round, long start, Map<String, Long> publishedAt, List<Long> acceptNanos) {
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> publishedAt.keySet().stream().allMatch(this.deliveredAt::containsKey));
		long end = publishedAt.keySet().stream().mapToLong(this.deliveredAt::get).max().orElseThrow();
		assertThat(publishedAt.keySet()).allSatisfy((id) -> assertThat(this.deliveries.get(id)).isEqualTo(1));
		List<Long> endToEnd = publishedAt.entrySet()
			.stream()
			.map((entry) -> this.deliveredAt.get(entry.getKey()) - entry.getValue())
			.toList();
		double seconds = (end - start) / 1e9;
		return "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.0f |".formatted(round, EVENTS, CLIENTS,
				percentile(acceptNanos, 50), percentile(acceptNanos, 99), percentile(endToEnd, 50),
				percentile(endToEnd, 99), EVENTS / seconds);
	}

	/**
	 * Produces the round's events straight to {@code herald.events} (structured
	 * CloudEvents keyed as the API keys them) as fast as the producer takes them;
	 * "accept" is the producer's ack.
	 */
	private String kafkaRound(RunningHerald herald, int round) throws Exception {
		List<Long> acceptNanos = Collections.synchronizedList(new ArrayList<>());
		Map<String, Long> publishedAt = new ConcurrentHashMap<>();
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, herald.kafkaBootstrapServers(),
				ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all");
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < EVENTS; i++) {
				String id = "bench-" + round + "-" + i;
				String subject = "customer-" + (id.hashCode() & 1023);
				String value = event(id).replace("\"subject\"", "\"tenantid\":\"" + this.tenantId + "\",\"subject\"");
				long before = System.nanoTime();
				publishedAt.put(id, before);
				producer.send(new ProducerRecord<>("herald.events", this.tenantId + "/" + subject,
						value.getBytes(StandardCharsets.UTF_8)), (metadata, ex) -> {
							assertThat(ex).isNull();
							acceptNanos.add(System.nanoTime() - before);
						});
			}
			producer.flush();
		}
		return summary(round, start, publishedAt, acceptNanos);
	}

	private String setUp(RunningHerald herald, String hook) throws Exception {
		String auth = "Basic " + Base64.getEncoder()
			.encodeToString(
					(herald.operatorUsername() + ":" + herald.operatorPassword()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> tenant = this.http
			.send(HttpRequest.newBuilder(URI.create(herald.apiUrl() + "/api/v1/ops/tenants"))
				.header("Authorization", auth)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"bench\",\"name\":\"Bench\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String key = JsonMapper.builder().build().readTree(tenant.body()).get("apiKey").asString();
		this.tenantId = JsonMapper.builder().build().readTree(tenant.body()).get("id").asString();
		post(herald.apiUrl() + "/api/v1/event-types", key, "{\"name\":\"OrderPlaced\"}");
		post(herald.apiUrl() + "/api/v1/templates", key, "{\"name\":\"order-hook\",\"channel\":\"WEBHOOK\","
				+ "\"locale\":\"en\",\"subject\":\"Order {{ data.order }}\",\"body\":\"Total {{ data.total }}\"}");
		assertThat(post(herald.apiUrl() + "/api/v1/subscriptions", key,
				"{\"eventType\":\"OrderPlaced\",\"template\":\"order-hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\""
						+ hook + "\",\"enabled\":true}")
			.statusCode()).isEqualTo(201);
		return key;
	}

	private HttpResponse<String> post(String url, String key, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String event(String id) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/bench\",\"type\":\"OrderPlaced\","
				+ "\"subject\":\"customer-" + (id.hashCode() & 1023) + "\",\"data\":{\"order\":\"" + id
				+ "\",\"total\":\"42.00\"}}";
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
