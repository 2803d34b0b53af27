package io.herald.api;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.herald.core.tenant.RowSecurity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as row-level security sees it (decision 0074): it connects as herald_app, a
 * thread that entered no scope sees no tenant row through the API's own DataSource, and
 * tenant and operator calls, which enter theirs, work.
 */
class RowLevelSecurityApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void theApiConnectsAsTheAppRoleAndSeesNoTenantRowWithoutAScope() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).put("/api/v1/recipients/user-1", "{\"email\":\"ada@example.com\"}").status())
			.isEqualTo(201);
		assertThat(this.jdbc.queryForObject("select current_user", String.class)).isEqualTo("herald_app");
		String recipients = "select count(*) from recipient where tenant_id = ?";
		// a thread of its own, outside the fixtures' scope
		assertThat(CompletableFuture.supplyAsync(() -> this.jdbc.queryForObject(recipients, Long.class, tenant.id()))
			.join()).isZero();
		assertThat(RowSecurity.forTenant(UUID.randomUUID(),
				() -> this.jdbc.queryForObject(recipients, Long.class, tenant.id())))
			.isZero();
		assertThat(
				RowSecurity.forTenant(tenant.id(), () -> this.jdbc.queryForObject(recipients, Long.class, tenant.id())))
			.isOne();
	}

	@Test
	void aTenantsCallsReadItsOwnRowsAndTheOperatorsReadEveryTenant() {
		TestTenant first = newTenant();
		TestTenant second = newTenant();
		assertThat(as(first).put("/api/v1/recipients/user-1", "{\"email\":\"ada@example.com\"}").status())
			.isEqualTo(201);
		assertThat(as(first).get("/api/v1/recipients/user-1").status()).isEqualTo(200);
		assertThat(as(second).get("/api/v1/recipients/user-1").status()).isEqualTo(404);
		assertThat(
				this.api.asOperator(OPERATOR, OPERATOR_PASSWORD).get("/api/v1/ops/tenants/" + second.slug()).status())
			.isEqualTo(200);
	}

}
