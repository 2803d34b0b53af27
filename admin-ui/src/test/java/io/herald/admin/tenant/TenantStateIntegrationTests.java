package io.herald.admin.tenant;

import java.net.http.HttpResponse;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.IngestLimits;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class TenantStateIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void operatorSuspendsAndResumesATenantOnlyAfterConfirmingAndEachChangeIsAudited() {
		CreatedTenant tenant = newTenant("Pause & <Co>");
		String slug = tenant.tenant().getSlug();
		ConsoleClient operator = operator();
		HttpResponse<String> page = operator.get("/tenants/" + slug);
		assertThat(page.body()).contains("Pause &amp; &lt;Co&gt;").doesNotContain("<Co>").contains("Active");
		PageChecks.assertWellFormedPage(page.body());

		HttpResponse<String> unconfirmed = operator.post("/tenants/" + slug + "/suspend", Map.of());
		assertThat(unconfirmed.statusCode()).isEqualTo(200);
		assertThat(unconfirmed.body()).contains("Tick the box to confirm the suspension");
		assertThat(this.tenants.view(slug).orElseThrow().suspendedAt()).isNull();

		assertThat(operator.post("/tenants/" + slug + "/suspend", Map.of("confirm", "yes")).statusCode())
			.isEqualTo(302);
		assertThat(this.tenants.view(slug).orElseThrow().suspendedAt()).isNotNull();
		HttpResponse<String> suspended = operator.get("/tenants/" + slug);
		assertThat(suspended.body()).contains("Suspended since").contains("Resume the tenant");
		PageChecks.assertWellFormedPage(suspended.body());
		assertThat(operator.get("/tenants").body()).contains("Suspended");

		assertThat(operator.post("/tenants/" + slug + "/resume", Map.of("confirm", "yes")).statusCode()).isEqualTo(302);
		assertThat(this.tenants.view(slug).orElseThrow().suspendedAt()).isNull();
		assertThat(operator.get("/tenants/" + slug).body()).contains("Resumed").contains("Suspend the tenant");
		assertThat(audited(tenant, "tenant.suspended")).isOne();
		assertThat(audited(tenant, "tenant.resumed")).isOne();
	}

	@Test
	void limitsAreSetAndRemovedAndBadValuesAreExplainedNextToTheirFields() {
		CreatedTenant tenant = newTenant("Quota Co");
		String slug = tenant.tenant().getSlug();
		ConsoleClient operator = operator();
		operator.get("/tenants/" + slug);

		HttpResponse<String> bad = operator.post("/tenants/" + slug + "/limits",
				Map.of("eventsPerSecond", "lots", "burst", "0"));

		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("Events per second: a whole number from 1 to 1000000.")
			.contains("Burst: a whole number from 1 to 10000000.")
			.contains("aria-invalid=\"true\"");
		PageChecks.assertWellFormedPage(bad.body());
		assertThat(this.tenants.view(slug).orElseThrow().ingestLimits()).isNull();

		operator.post("/tenants/" + slug + "/limits", Map.of("eventsPerSecond", "50", "burst", "200"));
		assertThat(this.tenants.view(slug).orElseThrow().ingestLimits()).isEqualTo(new IngestLimits(50, 200));
		assertThat(operator.get("/tenants/" + slug).body()).contains("Ingest quota set")
			.contains("50 events/s, bursts up to 200");
		assertThat(audited(tenant, "tenant.limits-set")).isOne();

		operator.post("/tenants/" + slug + "/limits", Map.of("eventsPerSecond", "", "burst", ""));
		assertThat(this.tenants.view(slug).orElseThrow().ingestLimits()).isNull();
	}

	@Test
	void tenantMembersCannotSeeOrChangeTenantsAndUnknownSlugsAreNotFound() {
		CreatedTenant tenant = newTenant("Member Co");
		String slug = tenant.tenant().getSlug();
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/");

		assertThat(admin.get("/tenants/" + slug).statusCode()).isEqualTo(403);
		assertThat(admin.post("/tenants/" + slug + "/suspend", Map.of("confirm", "yes")).statusCode()).isEqualTo(403);
		assertThat(this.tenants.view(slug).orElseThrow().suspendedAt()).isNull();
		assertThat(operator().get("/tenants/" + unique("missing")).statusCode()).isEqualTo(404);
	}

	private int audited(CreatedTenant tenant, String action) {
		return this.jdbc.sql("SELECT count(*) FROM audit_log WHERE tenant_id = ? AND action = ? AND actor = ?")
			.params(tenant.tenant().getId(), action, OPERATOR)
			.query(Integer.class)
			.single();
	}

}
