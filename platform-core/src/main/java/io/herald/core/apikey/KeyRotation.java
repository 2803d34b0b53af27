package io.herald.core.apikey;

/**
 * The outcome of rotating a key.
 */
public sealed interface KeyRotation {

	/** The successor was issued; the old key works until its new expiry. */
	record Rotated(IssuedApiKey successor) implements KeyRotation {
	}

	/** No such key for this tenant. */
	record NotFound() implements KeyRotation {
	}

	/** The key is revoked, expired or already rotated. */
	record NotUsable(String reason) implements KeyRotation {
	}

}
