package io.herald.core.replay;

import java.util.Objects;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantScope;

/**
 * Whose replays: one tenant's, or an operator's across all tenants ({@code tenantId}
 * null) or for one tenant.
 *
 * @param tenantId the tenant, or null for all tenants (operators only)
 * @param actor who asked, as the audit log names them
 * @param operator whether the caller is an operator (sees every job)
 */
public record ReplayScope(UUID tenantId, Actor actor, boolean operator) {

	public ReplayScope {
		Objects.requireNonNull(actor, "actor");
		if (!operator && tenantId == null) {
			throw new IllegalArgumentException("a tenant's scope needs its tenant");
		}
	}

	public static ReplayScope of(TenantScope scope) {
		return new ReplayScope(scope.tenantId(), scope.actor(), false);
	}

	/**
	 * @param tenantId one tenant, or null for all
	 */
	public static ReplayScope operator(Actor actor, UUID tenantId) {
		return new ReplayScope(tenantId, actor, true);
	}

}
