package io.herald.worker.channel;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.herald.core.channel.Channel;
import io.herald.core.channel.ProviderSettings;
import io.herald.core.support.Ids;
import io.herald.core.testing.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for all provider tests (a fresh PostgreSQL database, the sandbox on,
 * FCM pointed at {@link #FCM_FAKE}, SMTP allowed on 127.0.0.1), plus the rows a
 * notification needs.
 */
@SpringBootTest(classes = ChannelsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=herald-core", "herald.channels.sandbox.enabled=true",
				"herald.channels.acs.allowed-endpoint-hosts=.communication.azure.com,127.0.0.1",
				"herald.channels.fcm.read-timeout=5s", "herald.channels.smtp.allow-private-networks=true" })
abstract class ChannelsIntegrationTestSupport {

	/** Stands in for both the OAuth token endpoint and {@code fcm.googleapis.com}. */
	static final WireMockServer FCM_FAKE = startFcmFake();

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
		registry.add("herald.channels.fcm.base-url", () -> "http://127.0.0.1:" + FCM_FAKE.port());
		registry.add("herald.channels.fcm.trusted-token-uris",
				() -> "https://oauth2.googleapis.com/,http://127.0.0.1:" + FCM_FAKE.port() + "/");
	}

	private static WireMockServer startFcmFake() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	UUID newTenant() {
		UUID id = Ids.newId();
		this.jdbc.update("insert into tenant (id, slug, name, created_at) values (?, ?, ?, now())", id,
				"t-" + id.toString().substring(24), "Tenant " + id);
		return id;
	}

	/** A notification row (with its event type, subscription and event) being sent. */
	UUID newNotification(UUID tenantId, Channel channel, String recipient, String address) {
		UUID eventTypeId = Ids.newId();
		UUID subscriptionId = Ids.newId();
		UUID notificationId = Ids.newId();
		String eventId = "evt-" + notificationId;
		this.jdbc.update("insert into event_type (id, tenant_id, name, created_at, updated_at)"
				+ " values (?, ?, ?, now(), now())", eventTypeId, tenantId, "OrderShipped-" + eventTypeId);
		this.jdbc.update(
				"insert into subscription (id, tenant_id, event_type_id, template_name, channel,"
						+ " created_at, updated_at) values (?, ?, ?, 'shipped', ?, now(), now())",
				subscriptionId, tenantId, eventTypeId, channel.name());
		this.jdbc.update("insert into event (tenant_id, event_id, type, source, subject, received_at)"
				+ " values (?, ?, 'OrderShipped', '/shop', ?, now())", tenantId, eventId, recipient);
		this.jdbc.update(
				"insert into notification (id, tenant_id, event_id, event_type, subscription_id, channel,"
						+ " recipient, address, status, created_at, updated_at)"
						+ " values (?, ?, ?, 'OrderShipped', ?, ?, ?, ?, 'SENDING', now(), now())",
				notificationId, tenantId, eventId, subscriptionId, channel.name(), recipient, address);
		return notificationId;
	}

	static OutboundMessage message(UUID notificationId, UUID tenantId, Channel channel, String recipient,
			String address, ProviderSettings settings) {
		return new OutboundMessage(notificationId, tenantId, "evt-" + notificationId, "OrderShipped", channel, address,
				recipient, "Your order shipped", "<p>Parcel <b>42</b> is on its way.</p>", "{\"order\":42}", null, 1,
				settings);
	}

}
