package io.herald.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.recipient.RecipientManagement;
import io.herald.core.recipient.RecipientProfile;
import io.herald.core.tenant.TenantScope;
import io.herald.core.testing.TestServers;
import io.herald.worker.channel.FakeWebhookEndpoint;
import io.herald.worker.channel.FakeWebhookEndpoint.Reply;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Erasure against real PostgreSQL after real failed deliveries: a receiver that echoes
 * the recipient's e-mail address in its errors puts it into attempt errors, the status
 * reason and audit details; erasing the recipient must leave it in none of them, and the
 * erasure's own audit entry must not carry it either.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=1h", "herald.delivery.retry-schedule=100ms,100ms",
				"herald.delivery.concurrency=8", "herald.delivery.batch-size=10" })
@ExtendWith(OutputCaptureExtension.class)
class RecipientErasureIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final FakeWebhookEndpoint endpoint = new FakeWebhookEndpoint();

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	RecipientManagement recipients;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void erasureScrubsTheAddressFromAttemptErrorsStatusReasonsAndAuditDetails(CapturedOutput output) {
		String email = "grace.hopper+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String path = "/echo-" + UUID.randomUUID();
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url(path));
		TenantScope scope = new TenantScope(setup.tenantId(), Actor.SYSTEM);
		this.recipients.upsert(scope, "user-1", new RecipientProfile(email, null, null, null, null, null));
		// the receiver quotes the address, once in its own spelling
		endpoint.script(path, Reply.status(503, "mailbox " + email + " is over quota"),
				Reply.status(400, "unknown user " + email.toUpperCase()));

		UUID id = this.fixtures.queue(setup, 1).get(0);
		await().atMost(WAIT).until(() -> this.fixtures.row(id).status() == NotificationStatus.FAILED);
		assertThat(rowsQuoting(setup.tenantId(), email)).as("before erasure")
			.containsExactlyInAnyOrder("attempt", "attempt", "status_reason", "audit", "audit");
		assertThat(output.getOut()).as("worker log at INFO").doesNotContainIgnoringCase(email);

		this.recipients.erase(scope, "user-1");

		assertThat(rowsQuoting(setup.tenantId(), email)).as("after erasure").isEmpty();
		assertThat(this.fixtures.row(id).reason()).isEqualTo("HTTP 400: unknown user [erased]");
		assertThat(this.fixtures.auditDetails(id, "notification.retrying")).contains("mailbox [erased] is over quota");
		String erasure = this.jdbc
			.sql("select details from audit_log where tenant_id = :tenant and action = 'recipient.erased'"
					+ " and entity_id = 'user-1'")
			.param("tenant", setup.tenantId())
			.query(String.class)
			.single();
		assertThat(erasure).doesNotContainIgnoringCase(email)
			.contains("\"attemptErrorsScrubbed\":2", "\"statusReasonsScrubbed\":1", "\"auditEntriesScrubbed\":2");
		assertThat(this.fixtures.auditActions(id)).containsExactly("notification.retrying", "notification.failed");
	}

	@Test
	void outsideAnErasureTheAuditTrailStillRefusesEveryChange() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK, endpoint.url("/unused"));
		TenantScope scope = new TenantScope(setup.tenantId(), Actor.SYSTEM);
		this.recipients.upsert(scope, "user-2", new RecipientProfile("ada@example.com", null, null, null, null, null));
		long entries = auditEntries(setup.tenantId());

		// the worker's role may not even try (decision 0074); as the owner, the trigger
		// refuses (SchemaIntegrationTests)
		assertThatThrownBy(() -> this.jdbc
			.sql("update audit_log set details = '{}' where tenant_id = :tenant and action = 'recipient.created'")
			.param("tenant", setup.tenantId())
			.update()).rootCause().hasMessageContaining(REFUSED);
		// erasure mode lets details change, never who did what
		assertThatThrownBy(() -> this.jdbc.sql("""
				do $$ begin perform set_config('herald.erasure', 'on', true);
				update audit_log set actor = 'someone else' where tenant_id = '%s'; end $$
				""".formatted(setup.tenantId())).update()).rootCause().hasMessageContaining(REFUSED);
		assertThatThrownBy(() -> this.jdbc.sql("""
				do $$ begin perform set_config('herald.erasure', 'on', true);
				delete from audit_log where tenant_id = '%s'; end $$
				""".formatted(setup.tenantId())).update()).rootCause().hasMessageContaining(REFUSED);
		assertThat(auditEntries(setup.tenantId())).isEqualTo(entries);
		assertThat(this.jdbc.sql("select count(*) from audit_log where tenant_id = :tenant and actor = 'someone else'")
			.param("tenant", setup.tenantId())
			.query(Long.class)
			.single()).isZero();
	}

	private static final String REFUSED = "permission denied for table audit_log";

	private long auditEntries(UUID tenantId) {
		return this.jdbc.sql("select count(*) from audit_log where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
	}

	/** Which text columns of the tenant's history still quote {@code value}, any case. */
	private List<String> rowsQuoting(UUID tenantId, String value) {
		String like = "%" + value.toLowerCase() + "%";
		return this.jdbc.sql("""
				select 'attempt' from delivery_attempt where tenant_id = :tenant and lower(error) like :like
				union all
				select 'status_reason' from notification where tenant_id = :tenant and lower(status_reason) like :like
				union all
				select 'notification' from notification where tenant_id = :tenant
				  and (lower(address) like :like or lower(subject) like :like or lower(body) like :like)
				union all
				select 'audit' from audit_log where tenant_id = :tenant and lower(details) like :like
				union all
				select 'sandbox' from sandbox_message where tenant_id = :tenant and lower(recipient) like :like
				""").param("tenant", tenantId).param("like", like).query(String.class).list();
	}

}
