package io.herald.api.apikey;

import java.util.Set;
import java.util.UUID;

import io.herald.core.apikey.ApiKeyScope;
import io.herald.core.apikey.VerifiedApiKey;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.IngestLimits;
import io.herald.core.tenant.TenantScope;

/**
 * The tenant behind an authenticated API call, and the key it used. Controllers receive
 * it with {@code @AuthenticationPrincipal} and hand {@link #scope()} to the use cases.
 *
 * @param tenantId the calling tenant
 * @param keyPrefix the visible prefix of the API key, recorded in the audit log
 * @param keyId the API key
 * @param scopes what the key may do
 * @param ingestLimits the tenant's ingest quota, or null for none
 */
public record ApiCaller(UUID tenantId, String keyPrefix, UUID keyId, Set<ApiKeyScope> scopes,
		IngestLimits ingestLimits) {

	public ApiCaller {
		scopes = Set.copyOf(scopes);
	}

	static ApiCaller of(VerifiedApiKey key) {
		return new ApiCaller(key.tenantId(), key.prefix(), key.keyId(), key.scopes(), key.ingestLimits());
	}

	public Actor actor() {
		return Actor.apiKey(this.keyPrefix);
	}

	/** The caller as platform-core's use cases take it. */
	public TenantScope scope() {
		return new TenantScope(this.tenantId, actor());
	}

}
