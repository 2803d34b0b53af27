package io.herald.api;

import java.time.Instant;
import java.util.UUID;

import io.herald.api.ApiClient.Response;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxMessageRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Autowired
	private SandboxMessageRepository sandbox;

	@Test
	void profileIsUpsertedAndRead() {
		TestTenant tenant = newTenant();
		Response created = as(tenant).put("/api/v1/recipients/user-42", """
				{"email":"ada@example.com","phone":"+4915112345678","pushTokens":["tok-1","tok-2"],
				 "locale":"de","timeZone":"Europe/Berlin",
				 "optOut":{"channels":["push"],"eventTypes":["OrderShipped"]}}""");
		assertThat(created.status()).isEqualTo(201);
		Response replaced = as(tenant).put("/api/v1/recipients/user-42", """
				{"email":"ada@example.org","pushTokens":["tok-3"],"optOut":{"channels":["PUSH"]}}""");
		assertThat(replaced.status()).isEqualTo(200);
		JsonNode profile = as(tenant).get("/api/v1/recipients/user-42").json();
		assertThat(profile.get("externalId").asString()).isEqualTo("user-42");
		assertThat(profile.get("email").asString()).isEqualTo("ada@example.org");
		assertThat(profile.get("phone").isNull()).isTrue();
		assertThat(profile.get("pushTokens")).hasSize(1);
		assertThat(profile.get("pushTokens").get(0).asString()).isEqualTo("tok-3");
		assertThat(profile.at("/optOut/channels/0").asString()).isEqualTo("PUSH");
		assertThat(profile.at("/optOut/eventTypes")).isEmpty();
	}

	@Test
	void invalidProfileIsRefusedPerField() {
		TestTenant tenant = newTenant();
		Response refused = as(tenant).put("/api/v1/recipients/user-1",
				"{\"email\":\"not-an-email\",\"optOut\":{\"channels\":[\"FAX\"]}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsString("field")).contains("email");
		Response channel = as(tenant).put("/api/v1/recipients/user-1", "{\"optOut\":{\"channels\":[\"FAX\"]}}");
		assertThat(channel.status()).isEqualTo(400);
		assertThat(channel.json().get("errors").findValuesAsString("field")).containsExactly("optOut.channels[0]");
		Response zone = as(tenant).put("/api/v1/recipients/user-1", "{\"timeZone\":\"Mars/Olympus\"}");
		assertThat(zone.status()).isEqualTo(400);
		assertThat(as(tenant).get("/api/v1/recipients/user-1").status()).isEqualTo(404);
	}

	@Test
	void erasureRemovesTheProfileAndScrubsAddressesFromHistory() {
		TestTenant tenant = newTenant();
		as(tenant).put("/api/v1/recipients/user-7", "{\"email\":\"grace@example.com\"}");
		as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}");
		as(tenant).post("/api/v1/templates", "{\"name\":\"mail\",\"channel\":\"EMAIL\",\"body\":\"Hi\"}");
		UUID subscription = UUID.fromString(as(tenant)
			.post("/api/v1/subscriptions",
					"{\"eventType\":\"UserRegistered\",\"template\":\"mail\",\"channel\":\"EMAIL\"}")
			.json()
			.get("id")
			.asString());
		Instant now = Instant.now();
		this.events.save(new EventRecord(tenant.id(),
				new CloudEventEnvelope("evt-7", "/test", "UserRegistered", "user-7", now, null, null, tenant.id()),
				"{}", now));
		Notification notification = new Notification(tenant.id(), "evt-7", "UserRegistered", subscription,
				Channel.EMAIL, "user-7", "grace@example.com", now);
		notification.rendered(null, 1, "Hi Grace", "Hello Grace");
		notification.settle(NotificationStatus.SENT, null, now);
		this.notifications.save(notification);
		this.sandbox.save(new SandboxMessage(tenant.id(), notification.getId(), Channel.EMAIL, "grace@example.com",
				"Hi Grace", "Hello Grace", now));

		assertThat(as(tenant).delete("/api/v1/recipients/user-7").status()).isEqualTo(204);

		assertThat(as(tenant).get("/api/v1/recipients/user-7").status()).isEqualTo(404);
		JsonNode history = as(tenant).get("/api/v1/notifications/" + notification.getId()).json();
		assertThat(history.get("recipient").asString()).isEqualTo("user-7");
		assertThat(history.get("address").isNull()).isTrue();
		assertThat(history.get("status").asString()).isEqualTo("SENT");
		assertThat(history.toString()).doesNotContain("grace@example.com").doesNotContain("Grace");
		JsonNode inbox = as(tenant).get("/api/v1/sandbox/messages").json().get("items").get(0);
		assertThat(inbox.get("to").asString()).isEqualTo("user-7");
		assertThat(inbox.toString()).doesNotContain("grace@example.com");
		assertThat(this.jdbc
			.queryForObject("select count(*) from audit_log where action = 'recipient.erased' and entity_id = 'user-7'"
					+ " and tenant_id = ?", Long.class, tenant.id()))
			.isOne();
	}

}
