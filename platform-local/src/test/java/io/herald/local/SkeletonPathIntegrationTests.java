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
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton over real servers, as a tenant's service sees it: REST → Kafka →
 * Spring Cloud Stream worker → Redisson dedupe → PostgreSQL outbox → signed webhook, with
 * the result visible over the API. The whole local stack runs in this JVM.
 */
class SkeletonPathIntegrationTests {

	@TempDir
	static Path dataDir;

	static RunningHerald herald;

	static HttpServer receiver;

	static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	record Delivery(String id, String timestamp, String signature, String body) {
	}

	@BeforeAll
	static void start() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body));
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
	void factTravelsFromTheApiThroughKafkaToOneSignedWebhook() throws Exception {
		String acme = createTenant("acme");
		String globex = createTenant("globex");
		String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

		assertThat(call("POST", "/api/v1/event-types", acme,
				"{\"name\":\"UserRegistered\",\"description\":\"A user signed up\"}")
			.statusCode()).isEqualTo(201);
		HttpResponse<String> template = call("POST", "/api/v1/templates", acme,
				"{\"name\":\"welcome-hook\",\"channel\":\"WEBHOOK\",\"locale\":\"en\","
						+ "\"subject\":\"Welcome {{ data.user.name }}\",\"body\":\"Hello {{ data.user.name }}\"}");
		assertThat(template.statusCode()).isEqualTo(201);
		assertThat(read(template).get("version").asInt()).isEqualTo(1);
		HttpResponse<String> subscription = call("POST", "/api/v1/subscriptions", acme,
				"{\"eventType\":\"UserRegistered\",\"template\":\"welcome-hook\",\"channel\":\"WEBHOOK\","
						+ "\"endpoint\":\"" + hook + "\",\"enabled\":true}");
		assertThat(subscription.statusCode()).isEqualTo(201);
		String subscriptionId = read(subscription).get("id").asString();
		String signingSecret = read(subscription).get("signingSecret").asString();
		assertThat(signingSecret).startsWith("whsec_");

		HttpResponse<String> published = call("POST", "/api/v1/events", acme, event("evt-1", "Ada"),
				"application/cloudevents+json");
		assertThat(published.statusCode()).isEqualTo(202);
		assertThat(read(published).get("id").asString()).isEqualTo("evt-1");

		await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() == 1);
		Delivery delivery = deliveries.get(0);
		assertThat(delivery.signature()).isEqualTo("v1," + sign(signingSecret, delivery));
		JsonNode body = this.json.readTree(delivery.body());
		assertThat(body.get("eventId").asString()).isEqualTo("evt-1");
		assertThat(body.get("eventType").asString()).isEqualTo("UserRegistered");
		assertThat(body.get("subject").asString()).isEqualTo("Welcome Ada");
		assertThat(body.get("body").asString()).isEqualTo("Hello Ada");
		assertThat(body.get("data").get("user").get("name").asString()).isEqualTo("Ada");
		assertThat(body.get("notificationId").asString()).isEqualTo(delivery.id());

		// the same fact again, then a later fact about the same subject: once the later
		// one is
		// delivered, the duplicate (earlier on the same partition) has been consumed too
		assertThat(call("POST", "/api/v1/events", acme, event("evt-1", "Ada"), "application/json").statusCode())
			.isIn(200, 202);
		assertThat(call("POST", "/api/v1/events", acme, event("evt-2", "Ada"), "application/json").statusCode())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 2);
		assertThat(deliveries).extracting((d) -> this.json.readTree(d.body()).get("eventId").asString())
			.containsExactly("evt-1", "evt-2");

		JsonNode notifications = read(call("GET", "/api/v1/notifications?eventId=evt-1", acme, null));
		assertThat(notifications.get("items")).hasSize(1);
		JsonNode notification = notifications.get("items").get(0);
		assertThat(notification.get("id").asString()).isEqualTo(delivery.id());
		assertThat(notification.get("channel").asString()).isEqualTo("WEBHOOK");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> read(call("GET", "/api/v1/notifications/" + delivery.id(), acme, null)).get("status")
				.asString()
				.equals("SENT"));
		JsonNode detail = read(call("GET", "/api/v1/notifications/" + delivery.id(), acme, null));
		assertThat(detail.get("attempts").asInt()).isEqualTo(1);
		assertThat(detail.get("deliveryAttempts")).hasSize(1);
		assertThat(detail.get("deliveryAttempts").get(0).get("httpStatus").asInt()).isEqualTo(204);

		// tenant isolation
		assertThat(call("GET", "/api/v1/notifications/" + delivery.id(), globex, null).statusCode()).isEqualTo(404);
		assertThat(call("GET", "/api/v1/subscriptions/" + subscriptionId, globex, null).statusCode()).isEqualTo(404);
		assertThat(read(call("GET", "/api/v1/subscriptions", globex, null)).get("items")).isEmpty();
		assertThat(read(call("GET", "/api/v1/subscriptions", acme, null)).get("items")).hasSize(1);
	}

	@Test
	void emailWithoutProviderSettingsLandsInTheSandboxInboxAndMetricsShowIt() throws Exception {
		String tenant = createTenant("hooli");
		assertThat(call("POST", "/api/v1/event-types", tenant, "{\"name\":\"OrderPlaced\"}").statusCode())
			.isEqualTo(201);
		assertThat(call("POST", "/api/v1/templates", tenant,
				"{\"name\":\"order-mail\",\"channel\":\"EMAIL\",\"locale\":\"en\","
						+ "\"subject\":\"Order {{ data.order }}\",\"body\":\"<p>Thanks {{ recipient.email }}"
						+ " for {{ data.note }}</p>\"}")
			.statusCode()).isEqualTo(201);
		assertThat(
				call("PUT", "/api/v1/recipients/user-9", tenant, "{\"email\":\"grace@example.org\",\"locale\":\"en\"}")
					.statusCode())
			.isIn(200, 201);
		assertThat(call("POST", "/api/v1/subscriptions", tenant,
				"{\"eventType\":\"OrderPlaced\",\"template\":\"order-mail\",\"channel\":\"EMAIL\",\"enabled\":true}")
			.statusCode()).isEqualTo(201);

		String event = "{\"specversion\":\"1.0\",\"id\":\"ord-1\",\"source\":\"/shop\",\"type\":\"OrderPlaced\","
				+ "\"subject\":\"user-9\",\"data\":{\"order\":\"A-17\",\"note\":\"<b>tea</b>\"}}";
		assertThat(call("POST", "/api/v1/events", tenant, event).statusCode()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> read(call("GET", "/api/v1/sandbox/messages", tenant, null)).get("items").size() == 1);
		JsonNode message = read(call("GET", "/api/v1/sandbox/messages", tenant, null)).get("items").get(0);
		assertThat(message.get("channel").asString()).isEqualTo("EMAIL");
		assertThat(message.get("to").asString()).isEqualTo("grace@example.org");
		assertThat(message.get("subject").asString()).isEqualTo("Order A-17");
		// the template's markup stays, the event's markup is escaped
		assertThat(message.get("body").asString())
			.isEqualTo("<p>Thanks grace@example.org for &lt;b&gt;tea&lt;/b&gt;</p>");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> read(call("GET", "/api/v1/notifications?eventId=ord-1", tenant, null)).get("items")
				.get(0)
				.get("status")
				.asString()
				.equals("SENT"));

		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create(herald.workerUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).contains("herald_events_consumed_total", "herald_delivery_attempts_total",
				"herald_delivery_latency_seconds_bucket");
	}

	@Test
	void badCredentialsAndBadEventsGetProblemDetails() throws Exception {
		String tenant = createTenant("initech");
		HttpResponse<String> noKey = call("GET", "/api/v1/subscriptions", null, null);
		assertThat(noKey.statusCode()).isEqualTo(401);
		assertThat(noKey.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(call("GET", "/api/v1/subscriptions", "hrld_nothere_wrongsecret", null).statusCode()).isEqualTo(401);

		HttpResponse<String> malformed = call("POST", "/api/v1/events", tenant, "{\"specversion\":\"1.0\",");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> noType = call("POST", "/api/v1/events", tenant,
				"{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"/t\",\"subject\":\"u\",\"data\":{}}");
		assertThat(noType.statusCode()).isEqualTo(400);
		assertThat(noType.body()).contains("type");

		// operator endpoints refuse tenant keys and wrong passwords
		assertThat(call("POST", "/api/v1/ops/tenants", tenant, "{\"slug\":\"evil\",\"name\":\"Evil\"}").statusCode())
			.isIn(401, 403);
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(herald.apiUrl() + "/api/v1/ops/tenants"))
				.header("Authorization", basic("operator", "wrong"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"evil\",\"name\":\"Evil\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(401);
		assertThat(opsCreateTenant("initech").statusCode()).isEqualTo(409);
	}

	private String createTenant(String slug) throws Exception {
		HttpResponse<String> created = opsCreateTenant(slug);
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode tenant = read(created);
		assertThat(tenant.get("slug").asString()).isEqualTo(slug);
		assertThat(tenant.get("id").asString()).isNotBlank();
		return tenant.get("apiKey").asString();
	}

	private HttpResponse<String> opsCreateTenant(String slug) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(herald.apiUrl() + "/api/v1/ops/tenants"))
			.header("Authorization", basic(herald.operatorUsername(), herald.operatorPassword()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
		return call(method, path, apiKey, body, "application/json");
	}

	private HttpResponse<String> call(String method, String path, String apiKey, String body, String contentType)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.apiUrl() + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private static String event(String id, String name) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/signup\",\"type\":\"UserRegistered\","
				+ "\"subject\":\"user-1\",\"time\":\"2026-11-26T10:00:00Z\",\"data\":{\"user\":{\"name\":\"" + name
				+ "\"}}}";
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String sign(String secret, Delivery delivery) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		byte[] signature = mac.doFinal(
				(delivery.id() + "." + delivery.timestamp() + "." + delivery.body()).getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(signature);
	}

}
