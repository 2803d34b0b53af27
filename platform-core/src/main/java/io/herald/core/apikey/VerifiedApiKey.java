package io.herald.core.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.herald.core.tenant.IngestLimits;

/**
 * A presented key that matched a usable stored key, with what its tenant's state means
 * for the call.
 *
 * @param keyId the key
 * @param tenantId its tenant
 * @param prefix its visible prefix (the audit log's name for it)
 * @param scopes what it may do
 * @param expiresAt when it stops working (also the end of a rotation's grace), or null
 * @param tenantSuspended the tenant is suspended: every call is refused
 * @param ingestLimits the tenant's ingest quota, or null for none
 */
public record VerifiedApiKey(UUID keyId, UUID tenantId, String prefix, Set<ApiKeyScope> scopes, Instant expiresAt,
		boolean tenantSuspended, IngestLimits ingestLimits) {

	public VerifiedApiKey {
		scopes = Set.copyOf(scopes);
	}

}
