package io.herald.worker.channel;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.herald.core.channel.Channel;
import io.herald.worker.channel.FakeWebhookEndpoint.Received;
import io.herald.worker.channel.FakeWebhookEndpoint.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhookProvider} against a real HTTP server on 127.0.0.1.
 */
class WebhookProviderTests {

	private static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	private final JsonMapper json = JsonMapper.builder().build();

	private final WebhookProvider provider = provider(true);

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void signedWebhookCarriesTheNotificationAndAVerifiableSignature() throws Exception {
		OutboundMessage message = message("/signed");

		DeliveryOutcome outcome = this.provider.send(message);

		assertThat(outcome).isEqualTo(new DeliveryOutcome.Sent(null, 200));
		assertThat(endpoint.received("/signed")).hasSize(1);
		Received request = endpoint.received("/signed").get(0);
		assertThat(request.header("webhook-id")).isEqualTo(message.notificationId().toString());
		assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
		assertThat(request.header("content-type")).startsWith("application/json");
		assertThat(request.header("webhook-signature"))
			.isEqualTo("v1," + hmac(message.notificationId() + "." + NOW.getEpochSecond() + ".", request.body()));
		JsonNode body = this.json.readTree(request.body());
		assertThat(body.get("notificationId").asString()).isEqualTo(message.notificationId().toString());
		assertThat(body.get("eventId").asString()).isEqualTo("evt-1");
		assertThat(body.get("eventType").asString()).isEqualTo("UserRegistered");
		assertThat(body.get("subject").asString()).isEqualTo("Welcome Ada");
		assertThat(body.get("body").asString()).isEqualTo("Hello Ada");
		assertThat(body.get("data").get("user").get("name").asString()).isEqualTo("Ada");
	}

	@Test
	void redirectIsNotFollowedAndFailsTheAttempt() {
		endpoint.script("/moved", Reply.status(302).header("Location", endpoint.url("/elsewhere")));

		DeliveryOutcome outcome = this.provider.send(message("/moved"));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
				(failed) -> assertThat(failed.httpStatus()).isEqualTo(302));
		assertThat(endpoint.received("/moved")).hasSize(1);
		assertThat(endpoint.received("/elsewhere")).isEmpty();
	}

	@Test
	void serverErrorsTimeoutsAndThrottlingAreRetriedHonouringRetryAfter() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
		endpoint.script("/busy", Reply.status(503).header("Retry-After", "30"));
		endpoint.script("/throttled", Reply.status(429).header("Retry-After", inTwoMinutes));
		endpoint.script("/slow", Reply.status(408));
		endpoint.script("/broken", Reply.status(500, "database is down"));

		assertThat(this.provider.send(message("/busy")))
			.isEqualTo(new DeliveryOutcome.Retry("HTTP 503", 503, Duration.ofSeconds(30)));
		assertThat(this.provider.send(message("/throttled")))
			.isEqualTo(new DeliveryOutcome.Retry("HTTP 429", 429, Duration.ofSeconds(120)));
		assertThat(this.provider.send(message("/slow"))).isEqualTo(new DeliveryOutcome.Retry("HTTP 408", 408, null));
		assertThat(this.provider.send(message("/broken")))
			.isEqualTo(new DeliveryOutcome.Retry("HTTP 500: database is down", 500, null));
	}

	@Test
	void otherClientErrorsArePermanent() {
		endpoint.script("/rejecting", Reply.status(400, "bad payload"));
		endpoint.script("/gone", Reply.status(410));

		assertThat(this.provider.send(message("/rejecting")))
			.isEqualTo(new DeliveryOutcome.Permanent("HTTP 400: bad payload", 400));
		assertThat(this.provider.send(message("/gone"))).isEqualTo(new DeliveryOutcome.Permanent("HTTP 410", 410));
	}

	@Test
	void onlyTheStartOfALargeResponseBodyIsKeptOnOneShortLine() {
		endpoint.script("/verbose", Reply.status(500, "line one\r\nline\ttwo " + "x".repeat(200_000)));

		DeliveryOutcome outcome = this.provider.send(message("/verbose"));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
				(retry) -> assertThat(retry.error()).hasSize(ProviderErrors.MAX_LENGTH)
					.startsWith("HTTP 500: line one line two xxx")
					.endsWith("x…"));
	}

	@Test
	void refusedConnectionIsRetriedWithoutTheAddressInTheError() {
		String closed = "http://127.0.0.1:" + freePort() + "/hook";

		DeliveryOutcome outcome = this.provider.send(message(closed, "/ignored"));

		assertThat(outcome).isEqualTo(new DeliveryOutcome.Retry("connection refused", null, null));
	}

	@Test
	void privateTargetsAreRefusedAtConnectTimeWithoutAnyRequest() {
		WebhookProvider guarded = provider(false);
		String byName = endpoint.url("/private").replace("127.0.0.1", "localhost");

		DeliveryOutcome literal = guarded.send(message("/private"));
		DeliveryOutcome named = guarded.send(message(byName, "/private"));

		assertThat(literal).isEqualTo(new DeliveryOutcome.Permanent("target address is not allowed", null));
		assertThat(named).isEqualTo(new DeliveryOutcome.Permanent("target address is not allowed", null));
		assertThat(endpoint.received("/private")).isEmpty();
		guarded.close();
	}

	@Test
	@Timeout(30)
	void aReceiverThatDripsItsStatusLineIsCutAtTheSendDeadlineAndRetried() throws Exception {
		WebhookProvider provider = provider(true, Duration.ofSeconds(1));
		try (DrippingServer receiver = new DrippingServer("HTTP/1.1 200 OK\r\nX-Slow: ", Duration.ofMillis(200))) {
			DeliveryOutcome outcome = provider.send(message("http://127.0.0.1:" + receiver.port() + "/hook", "/hook"));

			assertThat(outcome).isEqualTo(new DeliveryOutcome.Retry(
					"the webhook endpoint did not finish within the send deadline of 1 s", null, null));
		}
		provider.close();
	}

	@Test
	@Timeout(30)
	void aReceiverThatDripsItsBodyIsCutAtTheSendDeadlineAndRetried() throws Exception {
		WebhookProvider provider = provider(true, Duration.ofSeconds(1));
		try (DrippingServer receiver = new DrippingServer(
				"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\n", Duration.ofMillis(200))) {
			DeliveryOutcome outcome = provider.send(message("http://127.0.0.1:" + receiver.port() + "/hook", "/hook"));

			assertThat(outcome).isEqualTo(new DeliveryOutcome.Retry(
					"the webhook endpoint did not finish within the send deadline of 1 s", null, null));
		}
		provider.close();
	}

	@Test
	void anOversizedResponseHeaderIsRetriedNotHeld() {
		endpoint.script("/fat-header", Reply.status(200).header("X-Fat", "y".repeat(20_000)));

		DeliveryOutcome outcome = this.provider.send(message("/fat-header"));

		assertThat(outcome).isInstanceOf(DeliveryOutcome.Retry.class);
	}

	@Test
	void endpointThatIsNotHttpIsPermanentlyRefused() {
		assertThat(this.provider.send(message("file:///etc/passwd", "/none")))
			.isInstanceOf(DeliveryOutcome.Permanent.class);
	}

	private WebhookProvider provider(boolean allowPrivateNetworks) {
		return provider(allowPrivateNetworks, Duration.ofSeconds(10));
	}

	private WebhookProvider provider(boolean allowPrivateNetworks, Duration sendDeadline) {
		WebhookProperties properties = new WebhookProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), sendDeadline,
				allowPrivateNetworks, DataSize.ofKilobytes(1), 8, "Herald-Test");
		return new WebhookProvider(WebhookConfiguration.webhookHttpClient(properties), this.json,
				Clock.fixed(NOW, ZoneOffset.UTC), properties);
	}

	private static OutboundMessage message(String path) {
		return message(endpoint.url(path), path);
	}

	private static OutboundMessage message(String url, String path) {
		return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), "evt-1", "UserRegistered", Channel.WEBHOOK,
				url, "user-1", "Welcome Ada", "Hello Ada", "{\"user\":{\"name\":\"Ada\"}}", SECRET, 1, null);
	}

	private static String hmac(String prefix, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
		mac.update(prefix.getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(mac.doFinal(body));
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
