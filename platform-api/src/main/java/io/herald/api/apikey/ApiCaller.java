package io.herald.api.apikey;

import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantScope;

/**
 * The tenant behind an authenticated API call, and the key it used. Controllers receive
 * it with {@code @AuthenticationPrincipal} and hand {@link #scope()} to the use cases.
 *
 * @param tenantId the calling tenant
 * @param keyPrefix the visible prefix of the API key, recorded in the audit log
 */
public record ApiCaller(UUID tenantId, String keyPrefix) {

	public Actor actor() {
		return Actor.apiKey(this.keyPrefix);
	}

	/** The caller as platform-core's use cases take it. */
	public TenantScope scope() {
		return new TenantScope(this.tenantId, actor());
	}

}
