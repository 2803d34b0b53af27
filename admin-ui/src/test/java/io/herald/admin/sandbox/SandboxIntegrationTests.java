package io.herald.admin.sandbox;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	@Test
	void pageOneAndItsNextCursorGiveEveryMessageOnceNewestFirst() {
		CreatedTenant tenant = newTenant("Paged Sandbox Co");
		CreatedTenant other = newTenant("Other Paged Sandbox Co");
		Instant base = Instant.now().minusSeconds(3600);
		int count = SandboxController.SHOWN + 5;
		for (int i = 0; i < count; i++) {
			// three messages share each instant: the id breaks the tie
			store(tenant, Channel.PUSH, "device", String.format("paged-%03d", i), "{}", base.plusSeconds(i / 3));
		}
		store(other, Channel.PUSH, "device", "paged-other", "{}", base);
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String first = viewer.get("/sandbox").body();
		Matcher next = Pattern.compile("href=\"(/sandbox\\?cursor=[^\"]+)\" [^>]*rel=\"next\"").matcher(first);
		assertThat(next.find()).as("a next-page link in %s", first).isTrue();
		String second = viewer.get(next.group(1).replace("&amp;", "&")).body();

		List<String> shown = new ArrayList<>(subjects(first));
		assertThat(shown).hasSize(SandboxController.SHOWN);
		shown.addAll(subjects(second));
		List<String> expected = this.jdbc
			.sql("SELECT subject FROM sandbox_message WHERE tenant_id = ? ORDER BY created_at DESC, id DESC")
			.param(tenant.tenant().getId())
			.query(String.class)
			.list();
		assertThat(expected).hasSize(count).doesNotHaveDuplicates();
		assertThat(shown).as("every message exactly once, newest first").containsExactlyElementsOf(expected);
		assertThat(second).doesNotContain("rel=\"next\"");
		PageChecks.assertWellFormedPage(first);
		PageChecks.assertWellFormedPage(second);
		assertThat(viewer.get("/sandbox?cursor=forged").body()).contains("The page link is out of date")
			.contains(expected.get(0));
	}

	private static List<String> subjects(String page) {
		Matcher subject = Pattern.compile("<strong>(paged-[^<]+)</strong>").matcher(page);
		List<String> subjects = new ArrayList<>();
		while (subject.find()) {
			subjects.add(subject.group(1));
		}
		return subjects;
	}

	private void store(CreatedTenant tenant, Channel channel, String to, String subject, String body) {
		store(tenant, channel, to, subject, body, Instant.now());
	}

	private void store(CreatedTenant tenant, Channel channel, String to, String subject, String body, Instant at) {
		UUID notification = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), unique("Sandboxed"))
			.notification(unique("evt"), "SENT", to, Instant.now());
		this.messages.save(new SandboxMessage(tenant.tenant().getId(), notification, channel, to, subject, body, at));
	}

}
