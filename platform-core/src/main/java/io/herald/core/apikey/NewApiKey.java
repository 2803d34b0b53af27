package io.herald.core.apikey;

import java.time.Instant;
import java.util.Set;

/**
 * What a caller asks for when issuing a key.
 *
 * @param name a label for people, up to 200 characters
 * @param scopes what the key may do; at least one
 * @param expiresAt when the key stops working, or null for never
 */
public record NewApiKey(String name, Set<ApiKeyScope> scopes, Instant expiresAt) {

	public NewApiKey {
		scopes = Set.copyOf(scopes);
	}

}
