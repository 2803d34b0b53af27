package io.herald.admin.sandbox;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.admin.support.PageChecks;
import io.herald.core.channel.Channel;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxMessageRepository;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as local mode runs it (sandbox inbox on): a context of its own.
 */
@TestPropertySource(properties = "herald.channels.sandbox.enabled=true")
class SandboxIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SandboxMessageRepository messages;

	@Test
	void emailIsRenderedInASandboxedIframeWhoseSrcdocIsEscapedAndPushIsShownAsText() {
		CreatedTenant tenant = newTenant("Sandbox Co");
		CreatedTenant other = newTenant("Other Sandbox Co");
		store(tenant, Channel.EMAIL, "ada@example.com", "Welcome <Ada>",
				"<h1>Hello \"Ada\"</h1><script>alert(1)</script>");
		store(tenant, Channel.PUSH, "device-1", "Ping", "{\"title\":\"<b>Ping</b>\"}");
		store(other, Channel.EMAIL, "eve@example.com", "Not yours", "<p>other tenant</p>");

		for (Role role : new Role[] { Role.TENANT_ADMIN, Role.TENANT_VIEWER }) {
			HttpResponse<String> page = signedIn(newUser(tenant, role)).get("/sandbox");

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<iframe class=\"mail-frame\" sandbox=\"\"")
				.contains("srcdoc=\"&lt;h1&gt;Hello &quot;Ada&quot;&lt;/h1&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
				.doesNotContain("<h1>Hello")
				.doesNotContain("<script>alert(1)</script>")
				.contains("Welcome &lt;Ada&gt;")
				.contains("{&quot;title&quot;:&quot;&lt;b&gt;Ping&lt;/b&gt;&quot;}")
				.doesNotContain("Not yours")
				.contains("href=\"/sandbox\"");
			PageChecks.assertWellFormedPage(page.body());
		}
	}

	@Test
	void operatorChoosesATenantFirstThenSeesItsInbox() {
		CreatedTenant tenant = newTenant("Operator Sandbox Co");
		store(tenant, Channel.EMAIL, "op@example.com", "For the operator", "<p>hi</p>");
		ConsoleClient operator = operator();

		HttpResponse<String> all = operator.get("/sandbox");
		operator.post("/tenant-switch", Map.of("tenant", tenant.tenant().getSlug(), "back", "/sandbox"));
		HttpResponse<String> one = operator.get("/sandbox");

		assertThat(all.body()).doesNotContain("For the operator");
		PageChecks.assertWellFormedPage(all.body());
		assertThat(one.body()).contains("For the operator");
		PageChecks.assertWellFormedPage(one.body());
	}

	private void store(CreatedTenant tenant, Channel channel, String to, String subject, String body) {
		UUID notification = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), unique("Sandboxed"))
			.notification(unique("evt"), "SENT", to, Instant.now());
		this.messages
			.save(new SandboxMessage(tenant.tenant().getId(), notification, channel, to, subject, body, Instant.now()));
	}

}
