package io.herald.core.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as it may be shown: never its secret or hash.
 *
 * @param replacedBy the key a rotation issued in its place, or null
 */
public record ApiKeyView(UUID id, String prefix, String name, List<String> scopes, Instant createdAt,
		Instant lastUsedAt, Instant expiresAt, Instant revokedAt, UUID replacedBy) {

	static ApiKeyView of(ApiKey key) {
		return new ApiKeyView(key.getId(), key.getPrefix(), key.getName(),
				key.getScopes().stream().sorted().map(ApiKeyScope::value).toList(), key.getCreatedAt(),
				key.getLastUsedAt(), key.getExpiresAt(), key.getRevokedAt(), key.getReplacedBy());
	}

}
