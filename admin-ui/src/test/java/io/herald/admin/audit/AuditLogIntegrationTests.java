package io.herald.admin.audit;

import java.net.http.HttpResponse;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogIntegrationTests extends ConsoleIntegrationTestSupport {

	@Test
	void whatAnAdminDidInTheConsoleIsInTheirTenantsAuditLogAndNotInAnothers() {
		CreatedTenant tenant = newTenant("Audited");
		CreatedTenant other = newTenant("Unaudited");
		String adminName = newUser(tenant, Role.TENANT_ADMIN);
		ConsoleClient admin = signedIn(adminName);
		admin.get("/users");
		String created = unique("audited") + "@example.com";
		admin.post("/users", Map.of("username", created, "role", "TENANT_VIEWER"));

		HttpResponse<String> log = admin.get("/audit?action=user.created");
		HttpResponse<String> otherLog = signedIn(newUser(other, Role.TENANT_VIEWER)).get("/audit");

		assertThat(log.statusCode()).isEqualTo(200);
		assertThat(log.body()).contains("user " + adminName).contains(created).contains("user.created");
		assertThat(otherLog.body()).doesNotContain(created).doesNotContain(adminName);
		assertThat(admin.get("/audit?action=tenant.created").body()).doesNotContain(created);
		PageChecks.assertWellFormedPage(log.body());
	}

	@Test
	void aBadTimeFilterIsExplained() {
		CreatedTenant tenant = newTenant("Audit Filters");

		HttpResponse<String> page = signedIn(newUser(tenant, Role.TENANT_ADMIN)).get("/audit?from=soon");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("From: use a date and time");
	}

}
