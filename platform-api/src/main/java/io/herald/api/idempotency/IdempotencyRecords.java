package io.herald.api.idempotency;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records of idempotency keys (decision 0071): in Redis, or in PostgreSQL while Redis
 * is unavailable (then Redis is left alone for {@code redis-retry-interval}). Records
 * written to PostgreSQL during an outage are still honoured after it: while PostgreSQL
 * holds live records (checked every {@code fallback-check-interval}, which also deletes
 * expired ones), a key new to Redis is looked up there too. Responses are stored
 * encrypted with {@code herald.crypto.key}: some hold a secret shown once (a new API key,
 * a webhook signing secret).
 */
@Component
public class IdempotencyRecords {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

	private final RedisIdempotencyStore redis;

	private final JdbcIdempotencyStore database;

	private final SecretCipher cipher;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final IdempotencyProperties properties;

	private volatile long skipRedisUntil = System.nanoTime();

	private volatile long nextFallbackCheck = System.nanoTime();

	private volatile boolean fallbackHoldsRecords = true;

	IdempotencyRecords(RedissonClient redisson, JdbcClient jdbc, Clock clock, SecretCipher cipher, JsonMapper json,
			MeterRegistry meters, IdempotencyProperties properties) {
		this.redis = new RedisIdempotencyStore(redisson, properties);
		this.database = new JdbcIdempotencyStore(jdbc, properties, clock);
		this.cipher = cipher;
		this.json = json;
		this.meters = meters;
		this.properties = properties;
	}

	/** Takes the key for this request, or says why it cannot run. */
	Decision begin(String principal, String key, String fingerprint) {
		UUID token = UUID.randomUUID();
		if (System.nanoTime() - this.skipRedisUntil >= 0) {
			try {
				Optional<IdempotencyRecord> existing = this.redis.claim(principal, key, fingerprint, token);
				if (existing.isEmpty()) {
					Optional<IdempotencyRecord> fromOutage = fallbackHoldsRecords() ? this.database.find(principal, key)
							: Optional.empty();
					if (fromOutage.isPresent()) {
						this.redis.release(principal, key, token);
						return decide(principal, fromOutage.get(), fingerprint);
					}
					return new Decision.Claimed(this.redis, principal, key, fingerprint, token);
				}
				return decide(principal, existing.get(), fingerprint);
			}
			catch (RedisException ex) {
				redisFailed(ex);
			}
		}
		this.meters.counter("herald.api.idempotency.fallback").increment();
		this.fallbackHoldsRecords = true;
		return this.database.claim(principal, key, fingerprint, token)
			.map((existing) -> decide(principal, existing, fingerprint))
			.orElseGet(() -> new Decision.Claimed(this.database, principal, key, fingerprint, token));
	}

	/** Keeps the response of a claimed key for replays. */
	void complete(Decision.Claimed claim, StoredResponse response) {
		String sealed = this.cipher.encrypt(this.json.writeValueAsString(response),
				SecretContext.idempotentResponse(claim.principal()));
		try {
			claim.store().complete(claim.principal(), claim.key(), claim.fingerprint(), claim.token(), sealed);
		}
		catch (RedisException ex) {
			// the claim expires after the in-progress TTL; a retry before runs into 409
			redisFailed(ex);
		}
	}

	/** Frees a claimed key: the request gave an answer that is not kept (5xx, 429…). */
	void release(Decision.Claimed claim) {
		try {
			claim.store().release(claim.principal(), claim.key(), claim.token());
		}
		catch (RedisException ex) {
			redisFailed(ex);
		}
	}

	private Decision decide(String principal, IdempotencyRecord existing, String fingerprint) {
		if (!existing.fingerprint().equals(fingerprint)) {
			return new Decision.Reused();
		}
		return switch (existing) {
			case IdempotencyRecord.InProgress running -> new Decision.InProgress();
			case IdempotencyRecord.Completed done -> new Decision.Replay(this.json.readValue(
					this.cipher.decrypt(done.response(), SecretContext.idempotentResponse(principal)),
					StoredResponse.class));
		};
	}

	private boolean fallbackHoldsRecords() {
		long now = System.nanoTime();
		if (now - this.nextFallbackCheck >= 0) {
			this.nextFallbackCheck = now + this.properties.fallbackCheckInterval().toNanos();
			int deleted = this.database.deleteExpired(1_000);
			if (deleted > 0) {
				log.debug("Deleted {} expired idempotency records", deleted);
			}
			this.fallbackHoldsRecords = this.database.holdsLiveRecords();
		}
		return this.fallbackHoldsRecords;
	}

	private void redisFailed(RedisException ex) {
		this.skipRedisUntil = System.nanoTime() + this.properties.redisRetryInterval().toNanos();
		log.warn("Redis is unavailable, idempotency keys are kept in PostgreSQL for {} ms: {}",
				this.properties.redisRetryInterval().toMillis(), ex.getMessage());
	}

	/** What to do with a request that carries an idempotency key. */
	sealed interface Decision {

		/** Run it: the key is taken until {@link #complete} or {@link #release}. */
		record Claimed(IdempotencyStore store, String principal, String key, String fingerprint,
				UUID token) implements Decision {
		}

		/** It ran before with the same request: answer as then. */
		record Replay(StoredResponse response) implements Decision {
		}

		/** The same request is running now. */
		record InProgress() implements Decision {
		}

		/** The key was used for a different request. */
		record Reused() implements Decision {
		}

	}

}
