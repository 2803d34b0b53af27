package io.herald.admin.sandbox;

import java.net.http.HttpResponse;

import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside local mode (the shared context: sandbox inbox off) there is no Sandbox page.
 */
class SandboxOffIntegrationTests extends ConsoleIntegrationTestSupport {

	@Test
	void theSandboxPageAndItsLinkExistOnlyInLocalMode() {
		CreatedTenant tenant = newTenant("No Sandbox Co");
		var admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		HttpResponse<String> sandbox = admin.get("/sandbox");

		assertThat(sandbox.statusCode()).isEqualTo(404);
		assertThat(admin.get("/").body()).doesNotContain(">Sandbox<");
	}

}
