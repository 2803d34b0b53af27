package io.herald.worker.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.core.channel.Channel;
import io.herald.core.channel.FcmSettings;
import io.herald.core.support.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real firebase-admin SDK with a real service account (a key generated here) against
 * WireMock playing both Google's token endpoint ({@code token_uri}) and FCM
 * ({@code herald.channels.fcm.base-url}).
 */
class FcmPushProviderIntegrationTests extends ChannelsIntegrationTestSupport {

	static final String SEND_PATH = "/v1/projects/herald-test/messages:send";

	static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

	@Autowired
	FcmPushProvider provider;

	@Autowired
	FcmApps apps;

	final JsonMapper json = JsonMapper.builder().build();

	KeyPair key;

	String serviceAccountJson;

	@BeforeEach
	void newServiceAccount() throws Exception {
		FCM_FAKE.resetAll();
		FCM_FAKE.stubFor(post(urlPathEqualTo("/token")).willReturn(
				okJson("{\"access_token\":\"ya29.herald-test\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		this.key = generator.generateKeyPair();
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(this.key.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Map<String, String> account = new LinkedHashMap<>();
		account.put("type", "service_account");
		account.put("project_id", "herald-test");
		account.put("private_key_id", UUID.randomUUID().toString());
		account.put("private_key", pem);
		account.put("client_email", "herald@herald-test.iam.gserviceaccount.com");
		account.put("client_id", "1234567890");
		account.put("token_uri", "http://127.0.0.1:" + FCM_FAKE.port() + "/token");
		this.serviceAccountJson = this.json.writeValueAsString(account);
	}

	@Test
	void servesPushForTenantsThatChoseFcm() {
		assertThat(this.provider.supports(Channel.PUSH, "FCM")).isTrue();
		assertThat(this.provider.supports(Channel.PUSH, null)).isFalse();
		assertThat(this.provider.supports(Channel.EMAIL, "FCM")).isFalse();
	}

	@Test
	void deliversTitleBodyAndDataToTheTokenWithTheServiceAccountsCredentials() throws Exception {
		FCM_FAKE.stubFor(post(urlPathEqualTo(SEND_PATH))
			.willReturn(okJson("{\"name\":\"projects/herald-test/messages/0:1764191234%31bd1c9\"}")));
		UUID notification = Ids.newId();

		DeliveryOutcome outcome = this.provider.send(push(notification, Ids.newId(), "user-1", "device-token-1"));

		assertThat(outcome)
			.isEqualTo(new DeliveryOutcome.Sent("projects/herald-test/messages/0:1764191234%31bd1c9", 200));
		LoggedRequest send = only(SEND_PATH);
		assertThat(send.getHeader("Authorization")).isEqualTo("Bearer ya29.herald-test");
		JsonNode message = this.json.readTree(send.getBodyAsString()).path("message");
		assertThat(message.path("token").asString()).isEqualTo("device-token-1");
		assertThat(message.path("notification").path("title").asString()).isEqualTo("Your order shipped");
		assertThat(message.path("notification").path("body").asString())
			.isEqualTo("<p>Parcel <b>42</b> is on its way.</p>");
		assertThat(message.path("data").path("notificationId").asString()).isEqualTo(notification.toString());
		assertThat(message.path("data").path("eventId").asString()).isEqualTo("evt-" + notification);
		assertThat(message.path("data").path("eventType").asString()).isEqualTo("OrderShipped");
		assertSignedByTheServiceAccount(only("/token"));
	}

	@Test
	@Timeout(30)
	void aServiceThatDripsItsAnswerIsCutAtTheSendDeadlineAndRetried() {
		FCM_FAKE.stubFor(post(urlPathEqualTo(SEND_PATH))
			.willReturn(okJson("{\"name\":\"projects/herald-test/messages/" + "1".repeat(2000) + "\"}")
				.withChunkedDribbleDelay(200, 60_000)));
		FcmPushProvider slow = new FcmPushProvider(this.apps, null, Clock.systemUTC(), Duration.ofSeconds(1));

		DeliveryOutcome outcome = slow.send(push(Ids.newId(), Ids.newId(), "user-1", "device-token-1"));

		assertThat(outcome)
			.isEqualTo(new DeliveryOutcome.Retry("FCM did not finish within the send deadline of 1 s", null, null));
	}

	@Test
	void unregisteredTokenFailsAndIsRemovedFromTheTenantsRecipientsOnly() {
		FCM_FAKE.stubFor(post(urlPathEqualTo(SEND_PATH))
			.willReturn(fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.")));
		UUID tenant = newTenant();
		UUID otherTenant = newTenant();
		recipient(tenant, "user-1", "dead-token,live-token");
		recipient(tenant, "user-2", "dead-token");
		recipient(otherTenant, "user-1", "dead-token");
		UUID notification = newNotification(tenant, Channel.PUSH, "user-1", "dead-token");

		DeliveryOutcome outcome = this.provider.send(push(notification, tenant, "user-1", "dead-token"));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class, (permanent) -> {
			assertThat(permanent.httpStatus()).isEqualTo(404);
			assertThat(permanent.error()).contains("UNREGISTERED");
		});
		assertThat(pushTokens(tenant, "user-1")).isEqualTo("live-token");
		assertThat(pushTokens(tenant, "user-2")).isNull();
		assertThat(pushTokens(otherTenant, "user-1")).isEqualTo("dead-token");
	}

	@Test
	void invalidPayloadFailsButKeepsTheToken() {
		FCM_FAKE.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(fcmError(400, "INVALID_ARGUMENT",
				"INVALID_ARGUMENT", "Invalid value at 'message.data[0].value' (TYPE_STRING)")));
		UUID tenant = newTenant();
		recipient(tenant, "user-1", "good-token");

		DeliveryOutcome outcome = this.provider.send(push(Ids.newId(), tenant, "user-1", "good-token"));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
				(permanent) -> assertThat(permanent.httpStatus()).isEqualTo(400));
		assertThat(pushTokens(tenant, "user-1")).isEqualTo("good-token");
	}

	@Test
	void exceededQuotaIsRetriedNoSoonerThanFcmAsks() {
		FCM_FAKE.stubFor(post(urlPathEqualTo(SEND_PATH))
			.willReturn(fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.")
				.withHeader("Retry-After", "60")));

		DeliveryOutcome outcome = this.provider.send(push(Ids.newId(), Ids.newId(), "user-1", "device-token-1"));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retry.class, (retry) -> {
			assertThat(retry.httpStatus()).isEqualTo(429);
			assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void untrustedTokenUriIsRefusedWithoutARequest() {
		String elsewhere = this.serviceAccountJson.replace("http://127.0.0.1:" + FCM_FAKE.port() + "/token",
				"http://169.254.169.254/token");
		OutboundMessage message = message(Ids.newId(), Ids.newId(), Channel.PUSH, "user-1", "device-token-1",
				settings(elsewhere));

		assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
				(permanent) -> assertThat(permanent.error()).contains("token_uri is not trusted"));
		assertThat(FCM_FAKE.getAllServeEvents()).isEmpty();
	}

	@Test
	void serviceAccountWithoutAProjectIsPermanent() {
		OutboundMessage message = message(Ids.newId(), Ids.newId(), Channel.PUSH, "user-1", "device-token-1",
				settings("{\"type\":\"authorized_user\"}"));

		assertThat(this.provider.send(message)).isInstanceOf(DeliveryOutcome.Permanent.class);
	}

	private OutboundMessage push(UUID notification, UUID tenant, String recipient, String token) {
		return message(notification, tenant, Channel.PUSH, recipient, token, settings(this.serviceAccountJson));
	}

	private static FcmSettings settings(String serviceAccountJson) {
		return new FcmSettings("herald-test", "fcm@herald-test.iam.gserviceaccount.com", serviceAccountJson);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fcmError(int status,
			String grpcStatus, String fcmCode, String text) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + text + "\",\"status\":\"" + grpcStatus
					+ "\",\"details\":[{\"@type\":\"" + FCM_ERROR + "\",\"errorCode\":\"" + fcmCode + "\"}]}}");
	}

	private void recipient(UUID tenant, String externalId, String pushTokens) {
		this.jdbc.update("insert into recipient (id, tenant_id, external_id, push_tokens, created_at, updated_at)"
				+ " values (?, ?, ?, ?, now(), now())", Ids.newId(), tenant, externalId, pushTokens);
	}

	private String pushTokens(UUID tenant, String externalId) {
		return this.jdbc.queryForObject("select push_tokens from recipient where tenant_id = ? and external_id = ?",
				String.class, tenant, externalId);
	}

	private static LoggedRequest only(String path) {
		List<LoggedRequest> requests = FCM_FAKE.findAll(postRequestedFor(urlPathEqualTo(path)));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/** The token request is a JWT bearer grant signed with the service account's key. */
	private void assertSignedByTheServiceAccount(LoggedRequest tokenRequest) throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : tokenRequest.getBodyAsString().split("&")) {
			String[] parts = pair.split("=", 2);
			form.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		String[] jwt = form.get("assertion").split("\\.");
		Signature rs256 = Signature.getInstance("SHA256withRSA");
		rs256.initVerify((RSAPublicKey) this.key.getPublic());
		rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
		JsonNode claims = this.json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
		assertThat(claims.path("iss").asString()).isEqualTo("herald@herald-test.iam.gserviceaccount.com");
		assertThat(claims.path("scope").asString()).contains("https://www.googleapis.com/auth/cloud-platform");
	}

}
