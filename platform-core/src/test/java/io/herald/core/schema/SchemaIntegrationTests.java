package io.herald.core.schema;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.DuplicateTenantException;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.CoreTestApplication;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Liquibase changelog against a real PostgreSQL: Hibernate validates it at start-up
 * (the context would not start otherwise) and the keys DESIGN.md names hold.
 */
@SpringBootTest(classes = CoreTestApplication.class, properties = "spring.config.name=herald-core")
class SchemaIntegrationTests {

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry);
	}

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	SubscriptionRepository subscriptions;

	@Autowired
	EventRecordRepository events;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	JdbcTemplate jdbc;

	UUID tenantId;

	@BeforeEach
	void tenant() {
		CreatedTenant created = this.tenants.create("t" + UUID.randomUUID().toString().substring(0, 8), "Test",
				Actor.SYSTEM);
		this.tenantId = created.tenant().getId();
		assertThat(created.apiKey()).startsWith("hrld_");
	}

	@Test
	void duplicateTenantSlugIsRefused() {
		String slug = this.tenants.list().get(0).getSlug();
		assertThatThrownBy(() -> this.tenants.create(slug, "Again", Actor.SYSTEM))
			.isInstanceOf(DuplicateTenantException.class);
	}

	@Test
	void eventIsUniquePerTenantById() {
		this.events.saveAndFlush(event("e-1"));
		assertThatThrownBy(() -> this.jdbc.update(
				"insert into event (tenant_id, event_id, type, source, received_at) values (?, 'e-1', 'X', 's', now())",
				this.tenantId))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void notificationIsUniquePerEventSubscriptionChannelAndRecipient() {
		this.events.saveAndFlush(event("e-2"));
		EventType type = this.eventTypes
			.saveAndFlush(new EventType(this.tenantId, "UserRegistered", null, null, null, Instant.now()));
		Subscription subscription = this.subscriptions.saveAndFlush(new Subscription(this.tenantId, type.getId(),
				"welcome", Channel.WEBHOOK, "http://127.0.0.1/hook", null, null, null, true, Instant.now()));
		this.notifications.saveAndFlush(notification("e-2", subscription));
		assertThatThrownBy(() -> this.notifications.saveAndFlush(notification("e-2", subscription)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void auditLogIsAppendOnly() {
		Long id = this.jdbc.queryForObject("select max(id) from audit_log where tenant_id = ?", Long.class,
				this.tenantId);
		assertThat(id).isNotNull();
		assertThatThrownBy(() -> this.jdbc.update("update audit_log set actor = 'mallory' where id = ?", id))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.update("delete from audit_log where id = ?", id))
			.hasMessageContaining("append-only");
	}

	@Test
	void auditLogCannotBeTruncated() {
		assertThatThrownBy(() -> this.jdbc.execute("truncate audit_log")).hasMessageContaining("append-only");
		assertThat(this.jdbc.queryForObject("select count(*) from audit_log where tenant_id = ?", Long.class,
				this.tenantId))
			.isPositive();
	}

	@Test
	void subscriptionCannotPointAtAnotherTenantsEventType() {
		UUID otherTenant = this.tenants
			.create("o" + UUID.randomUUID().toString().substring(0, 8), "Other", Actor.SYSTEM)
			.tenant()
			.getId();
		EventType othersType = this.eventTypes
			.saveAndFlush(new EventType(otherTenant, "OrderPlaced", null, null, null, Instant.now()));
		assertThatThrownBy(() -> this.jdbc.update(
				"insert into subscription (id, tenant_id, event_type_id, template_name,"
						+ " channel, created_at, updated_at) values (?, ?, ?, 'welcome', 'WEBHOOK', now(), now())",
				UUID.randomUUID(), this.tenantId, othersType.getId()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("subscription_event_type_fk");
		// the same row for the event type's own tenant is accepted
		assertThat(this.jdbc.update(
				"insert into subscription (id, tenant_id, event_type_id, template_name,"
						+ " channel, created_at, updated_at) values (?, ?, ?, 'welcome', 'WEBHOOK', now(), now())",
				UUID.randomUUID(), otherTenant, othersType.getId()))
			.isEqualTo(1);
	}

	@Test
	void notificationCannotPointAtAnotherTenantsSubscription() {
		EventType type = this.eventTypes
			.saveAndFlush(new EventType(this.tenantId, "UserRegistered", null, null, null, Instant.now()));
		Subscription subscription = this.subscriptions.saveAndFlush(new Subscription(this.tenantId, type.getId(),
				"welcome", Channel.WEBHOOK, "http://127.0.0.1/hook", null, null, null, true, Instant.now()));
		UUID otherTenant = this.tenants
			.create("o" + UUID.randomUUID().toString().substring(0, 8), "Other", Actor.SYSTEM)
			.tenant()
			.getId();
		this.jdbc.update("insert into event (tenant_id, event_id, type, source, received_at)"
				+ " values (?, 'e-3', 'UserRegistered', 's', now())", otherTenant);
		assertThatThrownBy(() -> this.jdbc.update(
				"insert into notification (id, tenant_id, event_id, event_type,"
						+ " subscription_id, channel, recipient, status, created_at, updated_at)"
						+ " values (?, ?, 'e-3', 'UserRegistered', ?, 'WEBHOOK', 'r', 'PENDING', now(), now())",
				UUID.randomUUID(), otherTenant, subscription.getId()))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("notification_subscription_fk");
	}

	@Test
	void queuedRowsAreIndexedPerTenantOnlyWhileTheyWait() {
		// the claims read this partial index (HotPathPlansIntegrationTests in
		// platform-worker); changeset 088 dropped the cross-tenant one no query read
		assertThat(this.jdbc.queryForObject(
				"select indexdef from pg_indexes where indexname = 'notification_queued_tenant_idx'", String.class))
			.contains("(tenant_id, next_attempt_at)", "WHERE", "PENDING", "RETRYING");
		assertThat(this.jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'notification_due_idx'",
				Integer.class))
			.isZero();
	}

	private EventRecord event(String id) {
		CloudEventEnvelope envelope = new CloudEventEnvelope(id, "test", "UserRegistered", "user-1", null, null, null,
				this.tenantId);
		return new EventRecord(this.tenantId, envelope, "{}", Instant.now());
	}

	private Notification notification(String eventId, Subscription subscription) {
		return new Notification(this.tenantId, eventId, "UserRegistered", subscription.getId(), Channel.WEBHOOK,
				"http://127.0.0.1/hook", "http://127.0.0.1/hook", Instant.now());
	}

}
