package io.herald.api;

import io.herald.api.ApiClient.Response;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSettingsIntegrationTests extends ApiIntegrationTest {

	private static final String SMTP_PASSWORD = "smtp-S3cret-value";

	private static final String ACS_KEY = "c2VjcmV0LWFjY2Vzcy1rZXk=";

	@Autowired
	private SecretCipher cipher;

	@Test
	void smtpSettingsAreStoredEncryptedAndNeverReturnedInClear() {
		TestTenant tenant = newTenant();
		Response put = as(tenant).put("/api/v1/channels/EMAIL", """
				{"provider":"SMTP","host":"127.0.0.1","port":3025,"username":"mailer",
				 "password":"%s","from":"noreply@example.com","startTls":false}""".formatted(SMTP_PASSWORD));
		assertThat(put.status()).isEqualTo(200);
		JsonNode body = put.json();
		assertThat(body.get("provider").asString()).isEqualTo("SMTP");
		assertThat(body.at("/settings/host").asString()).isEqualTo("127.0.0.1");
		assertThat(body.at("/settings/port").asInt()).isEqualTo(3025);
		assertThat(body.at("/settings/password").asString()).isEqualTo("********");
		assertThat(put.body()).doesNotContain(SMTP_PASSWORD);
		Response list = as(tenant).get("/api/v1/channels");
		assertThat(list.json().get("items").findValuesAsString("channel")).containsExactly("EMAIL");
		assertThat(list.body()).doesNotContain(SMTP_PASSWORD);

		String stored = this.jdbc.queryForObject(
				"select settings from channel_settings where tenant_id = ? and channel = 'EMAIL'", String.class,
				tenant.id());
		assertThat(stored).startsWith("v2:" + this.cipher.activeKeyId() + ":")
			.doesNotContain(SMTP_PASSWORD)
			.doesNotContain("127.0.0.1");
		assertThat(this.cipher.decrypt(stored, SecretContext.channelSettings(tenant.id(), "EMAIL")))
			.contains("\"password\":\"" + SMTP_PASSWORD + "\"")
			.contains("\"provider\":\"SMTP\"");
		assertThat(this.jdbc.queryForObject("select provider from channel_settings where tenant_id = ?", String.class,
				tenant.id()))
			.isEqualTo("SMTP");
	}

	@Test
	void acsConnectionStringIsMaskedAndReplacesEarlierSettings() {
		TestTenant tenant = newTenant();
		as(tenant).put("/api/v1/channels/EMAIL",
				"{\"provider\":\"SMTP\",\"host\":\"smtp.example.com\",\"from\":\"a@example.com\"}");
		Response put = as(tenant).put("/api/v1/channels/email", """
				{"provider":"ACS","connectionString":"endpoint=https://herald.communication.azure.com/;accesskey=%s",
				 "sender":"DoNotReply@example.com"}""".formatted(ACS_KEY));
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().at("/settings/connectionString").asString())
			.isEqualTo("endpoint=https://herald.communication.azure.com/;accesskey=********");
		Response get = as(tenant).get("/api/v1/channels/EMAIL");
		assertThat(get.json().get("provider").asString()).isEqualTo("ACS");
		assertThat(get.body()).doesNotContain(ACS_KEY);
	}

	@Test
	void invalidSettingsAreRefusedPerField() {
		TestTenant tenant = newTenant();
		Response fcm = as(tenant).put("/api/v1/channels/PUSH",
				"{\"provider\":\"FCM\",\"serviceAccountJson\":\"{\\\"project_id\\\":\\\"p\\\"}\"}");
		assertThat(fcm.status()).isEqualTo(400);
		assertThat(fcm.json().get("errors").findValuesAsString("field")).contains("serviceAccountJson");
		Response smtp = as(tenant).put("/api/v1/channels/EMAIL", "{\"provider\":\"SMTP\",\"port\":99999}");
		assertThat(smtp.status()).isEqualTo(400);
		assertThat(smtp.json().get("errors").findValuesAsString("field")).contains("host", "port", "from");
		assertThat(as(tenant).put("/api/v1/channels/WEBHOOK", "{\"provider\":\"HTTP\"}").status()).isEqualTo(400);
		assertThat(as(tenant).put("/api/v1/channels/FAX", "{\"provider\":\"X\"}").status()).isEqualTo(404);
		assertThat(as(tenant).get("/api/v1/channels").json().get("items")).isEmpty();
	}

	@Test
	void aMegabyteFieldIsRefusedByItsLength() {
		// once the from address ran through a backtracking pattern: quadratic in its
		// length
		TestTenant tenant = newTenant();
		String huge = "<".repeat(1_000) + "a".repeat(998_000);
		Response smtp = as(tenant).put("/api/v1/channels/EMAIL",
				"{\"provider\":\"SMTP\",\"host\":\"smtp.example.com\",\"from\":\"" + huge + "\"}");
		assertThat(smtp.status()).isEqualTo(400);
		assertThat(smtp.json().get("errors").findValuesAsString("field")).containsExactly("from");
		Response acs = as(tenant).put("/api/v1/channels/EMAIL",
				"{\"provider\":\"ACS\",\"connectionString\":\"endpoint=https://" + huge + "\",\"sender\":\"a@b.c\"}");
		assertThat(acs.status()).isEqualTo(400);
		assertThat(acs.json().get("errors").findValuesAsString("field")).containsExactly("connectionString");
	}

	@Test
	void fcmSettingsShowTheProjectButNotTheKeyAndCanBeDeleted() {
		TestTenant tenant = newTenant();
		Response put = as(tenant).put("/api/v1/channels/PUSH", """
				{"provider":"FCM","serviceAccountJson":{"type":"service_account","project_id":"herald-demo",
				 "client_email":"fcm@herald-demo.iam.gserviceaccount.com",
				 "private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n"}}""");
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().at("/settings/projectId").asString()).isEqualTo("herald-demo");
		assertThat(put.body()).doesNotContain("PRIVATE KEY");
		assertThat(as(tenant).delete("/api/v1/channels/PUSH").status()).isEqualTo(204);
		assertThat(as(tenant).get("/api/v1/channels/PUSH").status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from channel_settings where tenant_id = ?", Long.class,
				tenant.id()))
			.isZero();
	}

	@Test
	void operatorSeesKeyIdsAndSecretCountsButNeverAKey() {
		TestTenant tenant = newTenant();
		as(tenant).put("/api/v1/channels/EMAIL",
				"{\"provider\":\"SMTP\",\"host\":\"smtp.example.com\",\"from\":\"a@example.com\"}");
		Response status = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD).get("/api/v1/ops/secrets");
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.json().get("activeKeyId").asString()).isEqualTo("default");
		assertThat(status.json().get("keyIds").get(0).asString()).isEqualTo("default");
		assertThat(status.json().at("/secretsByKey/default").asLong()).isPositive();
		assertThat(status.json().get("remaining").asLong()).isZero();
		assertThat(status.body()).doesNotContain(TestServers.TEST_CRYPTO_KEY);
		assertThat(as(tenant).get("/api/v1/ops/secrets").status()).isIn(401, 403);
	}

}
