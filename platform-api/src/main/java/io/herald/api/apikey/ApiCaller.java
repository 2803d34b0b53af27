package io.herald.api.apikey;

import java.util.UUID;

import io.herald.core.audit.Actor;

/**
 * The tenant behind an authenticated API call, and the key it used. Controllers receive
 * it with {@code @AuthenticationPrincipal}; every query is scoped by {@link #tenantId()}.
 *
 * @param tenantId the calling tenant
 * @param keyPrefix the visible prefix of the API key, recorded in the audit log
 */
public record ApiCaller(UUID tenantId, String keyPrefix) {

	public Actor actor() {
		return Actor.apiKey(this.keyPrefix);
	}

}
