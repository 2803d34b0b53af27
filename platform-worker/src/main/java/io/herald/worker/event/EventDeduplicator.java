package io.herald.worker.event;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.herald.worker.config.HeraldWorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the processing of one (tenant, event id) at most once with effect, however often
 * Kafka delivers it.
 *
 * <ol>
 * <li>A done-marker in Redis answers "already processed" without touching the
 * database.</li>
 * <li>Otherwise the work runs inside a Redisson lock on the event (with a lease), so two
 * workers never process it at the same time; the marker is checked again under the lock
 * and set after the work committed.</li>
 * <li>The work itself is guarded by PostgreSQL: it reports {@code false} when the event
 * log already held the event. That guard alone keeps the result exactly-once when Redis
 * is down, a lock lease ran out or a lock could not be had in time.</li>
 * </ol>
 * Redis failures never fail an event: the worker goes degraded (logged with tenant and
 * event id, counted as {@code herald.dedupe.degraded}) and skips Redis for
 * {@code herald.worker.dedupe.redis-retry-interval}.
 */
@Component
public class EventDeduplicator {

	private static final Logger log = LoggerFactory.getLogger(EventDeduplicator.class);

	private final RedissonClient redis;

	private final HeraldWorkerProperties.Dedupe settings;

	private final Counter redisHits;

	private final Counter databaseHits;

	private final Counter degraded;

	private volatile long skipRedisUntil = System.nanoTime();

	EventDeduplicator(RedissonClient redis, HeraldWorkerProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.settings = properties.dedupe();
		this.redisHits = meters.counter("herald.dedupe.hits", "guard", "redis");
		this.databaseHits = meters.counter("herald.dedupe.hits", "guard", "database");
		this.degraded = meters.counter("herald.dedupe.degraded");
	}

	/**
	 * Runs {@code work} unless the event was processed already.
	 * @param work does the processing in its own transaction and answers whether it did
	 * (false: the database already had the event)
	 * @return whether this call processed the event
	 */
	public boolean processOnce(UUID tenantId, String eventId, BooleanSupplier work) {
		String key = "herald:event:{" + tenantId + ":" + eventId + "}";
		if (System.nanoTime() - this.skipRedisUntil < 0) {
			return degraded(tenantId, eventId, work, null);
		}
		RLock lock;
		boolean locked;
		try {
			if (done(key).isExists()) {
				this.redisHits.increment();
				return false;
			}
			lock = this.redis.getLock(key + ":lock");
			locked = lock.tryLock(this.settings.lockWait().toMillis(), this.settings.lockLease().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the lock on event " + eventId, ex);
		}
		catch (RuntimeException ex) {
			return degraded(tenantId, eventId, work, ex);
		}
		try {
			return underLock(key, locked, tenantId, eventId, work);
		}
		finally {
			if (locked) {
				unlock(lock, eventId);
			}
		}
	}

	private boolean underLock(String key, boolean locked, UUID tenantId, String eventId, BooleanSupplier work) {
		if (!locked) {
			log.info("Lock on event not acquired in time, relying on the database guard: tenant={} eventId={}",
					tenantId, eventId);
		}
		else if (isDone(key)) {
			this.redisHits.increment();
			return false;
		}
		boolean processed = work.getAsBoolean();
		if (!processed) {
			this.databaseHits.increment();
		}
		markDone(key, eventId);
		return processed;
	}

	private boolean degraded(UUID tenantId, String eventId, BooleanSupplier work, RuntimeException cause) {
		if (cause != null) {
			this.skipRedisUntil = System.nanoTime() + this.settings.redisRetryInterval().toNanos();
		}
		this.degraded.increment();
		log.warn("Redis unavailable, deduplicating by the database only: tenant={} eventId={} cause={}", tenantId,
				eventId, (cause != null) ? cause.getMessage() : "recent failure");
		boolean processed = work.getAsBoolean();
		if (!processed) {
			this.databaseHits.increment();
		}
		return processed;
	}

	private boolean isDone(String key) {
		try {
			return done(key).isExists();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void markDone(String key, String eventId) {
		try {
			done(key).set("1", this.settings.doneTtl());
		}
		catch (RuntimeException ex) {
			log.warn("Cannot set the done-marker of event {}: {}", eventId, ex.getMessage());
		}
	}

	private void unlock(RLock lock, String eventId) {
		try {
			lock.unlock();
		}
		catch (IllegalMonitorStateException ex) {
			log.warn("Lock lease of event {} ran out before processing ended (herald.worker.dedupe.lock-lease)",
					eventId);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot release the lock of event {}: {}", eventId, ex.getMessage());
		}
	}

	private RBucket<String> done(String key) {
		return this.redis.getBucket(key + ":done", StringCodec.INSTANCE);
	}

}
