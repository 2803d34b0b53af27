package io.herald.core.tenant;

/**
 * A new tenant together with its first API key, whose secret exists only in this record.
 */
public record CreatedTenant(Tenant tenant, String apiKey) {
}
