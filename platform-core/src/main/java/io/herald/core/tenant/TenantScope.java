package io.herald.core.tenant;

import java.util.Objects;
import java.util.UUID;

import io.herald.core.audit.Actor;

/**
 * Who calls a use case and for which tenant: every {@code …Management} method takes one,
 * scopes every query by {@link #tenantId()} and records {@link #actor()} in the audit
 * log. The API builds it from the API key, the console from the logged-in user.
 *
 * @param tenantId the tenant whose data is read or changed
 * @param actor who asked, as the audit log names them
 */
public record TenantScope(UUID tenantId, Actor actor) {

	public TenantScope {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(actor, "actor");
	}

}
