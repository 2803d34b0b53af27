package io.herald.api.idempotency;

/**
 * What a store knows of a key: a request still running, or the response it gave.
 */
sealed interface IdempotencyRecord {

	String fingerprint();

	/** A request with this key is running (or died less than the in-progress TTL ago). */
	record InProgress(String fingerprint) implements IdempotencyRecord {
	}

	/** The request finished; {@code response} is the encrypted {@link StoredResponse}. */
	record Completed(String fingerprint, String response) implements IdempotencyRecord {
	}

}
