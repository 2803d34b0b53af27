package io.herald.worker.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.core.channel.Channel;
import io.herald.core.channel.AcsSettings;
import io.herald.core.support.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real ACS e-mail SDK against WireMock playing {@code POST /emails:send}.
 */
class AcsEmailProviderIntegrationTests extends ChannelsIntegrationTestSupport {

	static WireMockServer acs;

	static final byte[] ACCESS_KEY = new SecureRandom().generateSeed(32);

	@Autowired
	AcsEmailProvider provider;

	@Autowired
	HttpClient httpClient;

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startAcs() {
		acs = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		acs.start();
	}

	@AfterAll
	static void stopAcs() {
		acs.stop();
	}

	@BeforeEach
	void resetAcs() {
		acs.resetAll();
	}

	@Test
	void servesEmailForTenantsThatChoseAcs() {
		assertThat(this.provider.supports(Channel.EMAIL, "ACS")).isTrue();
		assertThat(this.provider.supports(Channel.EMAIL, "SMTP")).isFalse();
		assertThat(this.provider.supports(Channel.EMAIL, null)).isFalse();
		assertThat(this.provider.supports(Channel.PUSH, "ACS")).isFalse();
	}

	@Test
	void acceptedSendIsSignedIdempotentAndRecordsTheOperationId() throws Exception {
		acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(accepted("acs-operation-42")));
		UUID notification = Ids.newId();

		DeliveryOutcome outcome = this.provider.send(email(notification));

		assertThat(outcome).isEqualTo(new DeliveryOutcome.Sent("acs-operation-42", 202));
		LoggedRequest request = onlySendRequest();
		assertThat(request.queryParameter("api-version").firstValue()).isEqualTo("2023-03-31");
		assertThat(request.getHeader("Operation-Id")).isEqualTo(notification.toString());
		assertThat(request.getHeader("Repeatability-Request-Id")).isEqualTo(notification.toString());
		assertThat(request.getHeader("Repeatability-First-Sent"))
			.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
		assertSignedWithTheTenantsAccessKey(request);
		JsonNode body = this.json.readTree(request.getBodyAsString());
		assertThat(body.path("senderAddress").asString()).isEqualTo("DoNotReply@herald.example");
		assertThat(body.path("recipients").path("to").get(0).path("address").asString()).isEqualTo("ada@example.org");
		assertThat(body.path("content").path("subject").asString()).isEqualTo("Your order shipped");
		assertThat(body.path("content").path("html").asString()).isEqualTo("<p>Parcel <b>42</b> is on its way.</p>");
	}

	@Test
	void invalidRecipientIsPermanent() {
		acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":\"InvalidRecipient\",\"message\":\"Invalid email recipient.\"}}")));

		DeliveryOutcome outcome = this.provider.send(email(Ids.newId()));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class, (permanent) -> {
			assertThat(permanent.httpStatus()).isEqualTo(400);
			assertThat(permanent.error()).contains("InvalidRecipient");
		});
	}

	@Test
	void throttledSendIsRetriedNoSoonerThanAcsAsks() {
		acs.stubFor(post(urlPathEqualTo("/emails:send"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

		DeliveryOutcome outcome = this.provider.send(email(Ids.newId()));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retry.class, (retry) -> {
			assertThat(retry.httpStatus()).isEqualTo(429);
			assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(30));
		});
		assertThat(acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send")))).as("no retries inside the SDK")
			.hasSize(1);
	}

	@Test
	void unavailableServiceIsRetriedAndTheRetryRepeatsTheSameRequest() {
		acs.stubFor(post(urlPathEqualTo("/emails:send"))
			.willReturn(aResponse().withStatus(503).withHeader("retry-after-ms", "1500")));
		OutboundMessage message = email(Ids.newId());

		DeliveryOutcome first = this.provider.send(message);
		acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(accepted("acs-operation-43")));
		DeliveryOutcome second = this.provider.send(message);

		assertThat(first).isEqualTo(
				new DeliveryOutcome.Retry(((DeliveryOutcome.Retry) first).error(), 503, Duration.ofMillis(1500)));
		assertThat(second).isEqualTo(new DeliveryOutcome.Sent("acs-operation-43", 202));
		List<LoggedRequest> sends = acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send")));
		assertThat(sends).hasSize(2);
		assertThat(sends).extracting((request) -> request.getHeader("Repeatability-Request-Id"))
			.containsOnly(message.notificationId().toString());
		assertThat(sends.get(1).getHeader("Repeatability-First-Sent"))
			.isEqualTo(sends.get(0).getHeader("Repeatability-First-Sent"));
	}

	@Test
	void unreachableEndpointIsRetried() {
		String nobody = "endpoint=https://127.0.0.1:" + io.herald.core.testing.TestServers.freePort() + "/;accesskey="
				+ Base64.getEncoder().encodeToString(ACCESS_KEY);
		OutboundMessage message = message(Ids.newId(), Ids.newId(), Channel.EMAIL, "user-1", "ada@example.org",
				new AcsSettings(nobody, "DoNotReply@herald.example"));

		assertThat(this.provider.send(message)).isInstanceOf(DeliveryOutcome.Retry.class);
	}

	@Test
	void endpointOutsideTheAllowedHostsIsRefusedWithoutARequest() {
		String elsewhere = "endpoint=https://169.254.169.254/;accesskey="
				+ Base64.getEncoder().encodeToString(ACCESS_KEY);
		OutboundMessage message = message(Ids.newId(), Ids.newId(), Channel.EMAIL, "user-1", "ada@example.org",
				new AcsSettings(elsewhere, "DoNotReply@herald.example"));

		assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
				(permanent) -> assertThat(permanent.error()).contains("169.254.169.254"));
	}

	@Test
	void missingSettingsArePermanent() {
		OutboundMessage message = message(Ids.newId(), Ids.newId(), Channel.EMAIL, "user-1", "ada@example.org", null);

		assertThat(this.provider.send(message)).isInstanceOf(DeliveryOutcome.Permanent.class);
	}

	@Test
	@Timeout(30)
	void aServiceThatDripsItsAnswerIsCutAtTheSendDeadlineAndRetried() {
		acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":\"Slow\",\"message\":\"" + "x".repeat(2000) + "\"}}")
			.withChunkedDribbleDelay(200, 60_000)));
		AcsEmailProvider slow = new AcsEmailProvider(this.httpClient, new ChannelsProperties.Acs(Duration.ofSeconds(5),
				Duration.ofSeconds(15), Duration.ofSeconds(1), List.of("127.0.0.1")), Clock.systemUTC());

		DeliveryOutcome outcome = slow.send(email(Ids.newId()));

		assertThat(outcome)
			.isEqualTo(new DeliveryOutcome.Retry("ACS did not finish within the send deadline of 1 s", null, null));
	}

	private static OutboundMessage email(UUID notification) {
		String connectionString = "endpoint=https://127.0.0.1:" + acs.port() + "/;accesskey="
				+ Base64.getEncoder().encodeToString(ACCESS_KEY);
		return message(notification, Ids.newId(), Channel.EMAIL, "user-1", "ada@example.org",
				new AcsSettings(connectionString, "DoNotReply@herald.example"));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted(String operationId) {
		return aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withHeader("Operation-Location",
					"https://127.0.0.1:" + acs.port() + "/emails/operations/" + operationId + "?api-version=2023-03-31")
			.withHeader("Retry-After", "30")
			.withBody("{\"id\":\"" + operationId + "\",\"status\":\"Running\",\"error\":null}");
	}

	private static LoggedRequest onlySendRequest() {
		List<LoggedRequest> sends = acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send")));
		assertThat(sends).hasSize(1);
		return sends.get(0);
	}

	/**
	 * ACS HMAC: HMAC-SHA256 over
	 * "POST\n{path?query}\n{x-ms-date};{host};{x-ms-content-sha256}" (host without the
	 * port).
	 */
	private static void assertSignedWithTheTenantsAccessKey(LoggedRequest request) throws Exception {
		String contentHash = Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(request.getBody()));
		assertThat(request.getHeader("x-ms-content-sha256")).isEqualTo(contentHash);
		String stringToSign = "POST\n" + request.getUrl() + "\n" + request.getHeader("x-ms-date") + ";127.0.0.1;"
				+ contentHash;
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(ACCESS_KEY, "HmacSHA256"));
		String signature = Base64.getEncoder()
			.encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		assertThat(request.getHeader("Authorization"))
			.isEqualTo("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
	}

}
