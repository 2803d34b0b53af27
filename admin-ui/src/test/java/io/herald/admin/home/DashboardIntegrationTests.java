package io.herald.admin.home;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void tenantSeesTheirLast24HoursWithFailureCountsLinkingToTheExplorerAndTheFailingSubscription() {
		CreatedTenant tenant = newTenant("Dash Co");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "OrderPlaced");
		Instant now = Instant.now();
		fixtures.notification("e1", "SENT", "alice", now.minus(1, ChronoUnit.HOURS));
		fixtures.notification("e2", "DEAD", "bob", now.minus(2, ChronoUnit.HOURS));
		fixtures.notification("e3", "DEAD", "carol", now);
		fixtures.notification("e4", "FAILED", "dave", now);
		fixtures.notification("old", "DEAD", "erin", now.minus(30, ChronoUnit.HOURS));
		CreatedTenant other = newTenant("Other Dash");
		new DeliveryFixtures(this.jdbc, other.tenant().getId(), "SecretThingHappened").notification("x1", "DEAD", "zed",
				now);

		HttpResponse<String> page = signedIn(newUser(tenant, Role.TENANT_VIEWER)).get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();
		assertThat(body).contains("<span class=\"number\">4</span> events received")
			.contains("<span class=\"number\">2</span>\n\t\t\t<a href=\"/notifications?status=DEAD&amp;from=")
			.contains("<span class=\"number\">1</span>\n\t\t\t<a href=\"/notifications?status=FAILED&amp;from=")
			.contains("OrderPlaced")
			.contains("/notifications?subscription=" + fixtures.subscriptionId())
			.contains("data-chart=\"{")
			.doesNotContain("SecretThingHappened");
		PageChecks.assertWellFormedPage(body);
	}

	@Test
	void operatorSeesAllTenantsByDefaultWithTheTenantOfEachFailingSubscription() {
		CreatedTenant tenant = newTenant("Ops Dash");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "InvoiceOverdue");
		// the dashboard lists the five subscriptions with the most failures across all
		// tenants: fail more than any other test's subscription does
		for (int i = 0; i < 60; i++) {
			fixtures.notification("o" + i, "DEAD", "amy", Instant.now());
		}

		HttpResponse<String> page = operator().get("/");

		assertThat(page.body()).contains("All tenants, last 24 hours")
			.contains("InvoiceOverdue")
			.contains(tenant.tenant().getSlug());
		PageChecks.assertWellFormedPage(page.body());
	}

}
