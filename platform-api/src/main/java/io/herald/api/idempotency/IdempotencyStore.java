package io.herald.api.idempotency;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the records of idempotency keys live: Redis, or PostgreSQL when Redis is
 * unavailable.
 */
interface IdempotencyStore {

	/**
	 * Takes {@code key} of {@code principal} for a request with {@code fingerprint} under
	 * {@code token}, unless a live record exists.
	 * @return empty when taken, otherwise the existing record
	 */
	Optional<IdempotencyRecord> claim(String principal, String key, String fingerprint, UUID token);

	/** The live record of a key, if any. */
	Optional<IdempotencyRecord> find(String principal, String key);

	/** Replaces the claim made with {@code token} by the (encrypted) response. */
	void complete(String principal, String key, String fingerprint, UUID token, String response);

	/** Frees the key when the claim made with {@code token} still holds it. */
	void release(String principal, String key, UUID token);

}
