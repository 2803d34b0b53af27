package io.herald.core.apikey;

/**
 * A key just issued, with its full text: the only time the secret exists outside the
 * caller's hands.
 *
 * @param key the key's visible attributes
 * @param secret {@code hrld_<prefix>_<secret>}, to be shown once
 */
public record IssuedApiKey(ApiKeyView key, String secret) {

	@Override
	public String toString() {
		return "IssuedApiKey[" + this.key.prefix() + "]";
	}

}
