package io.herald.admin.web;

import java.util.Optional;
import java.util.UUID;

import io.herald.admin.security.ConsoleUser;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;

/**
 * Who is looking and at which tenant: a tenant member always at their own tenant, an
 * operator at the tenant chosen in the switcher or at all tenants. Controllers take it as
 * a parameter and scope every read and write by it.
 *
 * @param user the signed-in user
 * @param tenant the tenant in view, {@code null} when an operator looks at all tenants
 */
public record ConsoleScope(ConsoleUser user, TenantRef tenant) {

	public ConsoleScope {
		if (user.role() != Role.OPERATOR && (tenant == null || !tenant.id().equals(user.tenantId()))) {
			throw new IllegalArgumentException("A tenant member always looks at their own tenant");
		}
	}

	public boolean operator() {
		return this.user.role() == Role.OPERATOR;
	}

	/** Whether the user may change anything (a viewer may not). */
	public boolean canWrite() {
		return this.user.role() != Role.TENANT_VIEWER;
	}

	/** The tenant in view, empty when an operator looks at all tenants. */
	public Optional<UUID> tenantId() {
		return Optional.ofNullable(this.tenant).map(TenantRef::id);
	}

	/** The tenant in view, or a 404 for an operator who has not chosen one. */
	public TenantRef requireTenant() {
		if (this.tenant == null) {
			throw new TenantRequiredException();
		}
		return this.tenant;
	}

	/** Whether a row of this tenant may be shown: otherwise it does not exist (404). */
	public boolean sees(UUID tenantId) {
		return (this.tenant == null) ? operator() : this.tenant.id().equals(tenantId);
	}

	/** The core services' view of this request: the tenant in view and who acts. */
	public TenantScope tenantScope() {
		return new TenantScope(requireTenant().id(), actor());
	}

	public Actor actor() {
		return Actor.user(this.user.username());
	}

	/**
	 * A tenant as the console names it.
	 *
	 * @param id the tenant id
	 * @param slug the tenant's slug
	 * @param name the tenant's display name
	 */
	public record TenantRef(UUID id, String slug, String name) {

	}

}
