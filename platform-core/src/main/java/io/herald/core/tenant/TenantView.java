package io.herald.core.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as operators see it.
 *
 * @param suspendedAt when it was suspended, or null while active
 * @param ingestLimits its ingest quota, or null for none
 */
public record TenantView(UUID id, String slug, String name, String defaultLocale, Instant createdAt,
		Instant suspendedAt, IngestLimits ingestLimits) {

	public static TenantView of(Tenant tenant) {
		return new TenantView(tenant.getId(), tenant.getSlug(), tenant.getName(), tenant.getDefaultLocale(),
				tenant.getCreatedAt(), tenant.getSuspendedAt(), tenant.getIngestLimits());
	}

}
