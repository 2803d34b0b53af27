package io.herald.api.idempotency;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Idempotency records in Redis: one string per key, {@code P|fingerprint|token} while the
 * request runs (with the in-progress TTL) and {@code D|fingerprint|token|response} after
 * it (with the record TTL). Completing and releasing compare the token in a script, so
 * that a request whose claim expired cannot overwrite the claim of another.
 */
class RedisIdempotencyStore implements IdempotencyStore {

	private static final String COMPLETE = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3])
			  return 1
			end
			return 0""";

	private static final String RELEASE = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  return redis.call('del', KEYS[1])
			end
			return 0""";

	private final RedissonClient redisson;

	private final IdempotencyProperties properties;

	RedisIdempotencyStore(RedissonClient redisson, IdempotencyProperties properties) {
		this.redisson = redisson;
		this.properties = properties;
	}

	@Override
	public Optional<IdempotencyRecord> claim(String principal, String key, String fingerprint, UUID token) {
		RBucket<String> bucket = bucket(principal, key);
		for (int attempt = 0; attempt < 3; attempt++) {
			if (bucket.setIfAbsent(inProgress(fingerprint, token), this.properties.inProgressTtl())) {
				return Optional.empty();
			}
			Optional<IdempotencyRecord> existing = parse(bucket.get());
			if (existing.isPresent()) {
				return existing;
			}
			// expired between the two calls: try again
		}
		throw new IllegalStateException("Idempotency key could not be claimed");
	}

	@Override
	public Optional<IdempotencyRecord> find(String principal, String key) {
		return parse(bucket(principal, key).get());
	}

	@Override
	public void complete(String principal, String key, String fingerprint, UUID token, String response) {
		this.redisson.getScript(StringCodec.INSTANCE)
			.eval(RScript.Mode.READ_WRITE, COMPLETE, RScript.ReturnType.LONG, List.<Object>of(name(principal, key)),
					inProgress(fingerprint, token), "D|" + fingerprint + "|" + token + "|" + response,
					String.valueOf(this.properties.ttl().toMillis()));
	}

	@Override
	public void release(String principal, String key, UUID token) {
		RBucket<String> bucket = bucket(principal, key);
		String current = bucket.get();
		if (current != null && current.startsWith("P|") && current.endsWith("|" + token)) {
			this.redisson.getScript(StringCodec.INSTANCE)
				.eval(RScript.Mode.READ_WRITE, RELEASE, RScript.ReturnType.LONG, List.<Object>of(name(principal, key)),
						current);
		}
	}

	private RBucket<String> bucket(String principal, String key) {
		return this.redisson.getBucket(name(principal, key), StringCodec.INSTANCE);
	}

	private static String name(String principal, String key) {
		return "herald:idempotency:" + principal + ":" + key;
	}

	private static String inProgress(String fingerprint, UUID token) {
		return "P|" + fingerprint + "|" + token;
	}

	private static Optional<IdempotencyRecord> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String[] parts = value.split("\\|", 4);
		if (parts[0].equals("D") && parts.length == 4) {
			return Optional.of(new IdempotencyRecord.Completed(parts[1], parts[3]));
		}
		return Optional.of(new IdempotencyRecord.InProgress(parts[1]));
	}

}
