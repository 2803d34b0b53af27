package io.herald.api.quota;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import io.herald.api.config.ApiAccessProperties;
import io.herald.core.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rate limiters shared by every API instance through Redis (Redisson's
 * {@link RRateLimiter}: a sliding window of {@code rate} permits per interval). When
 * Redis fails, limits fail open: the call goes ahead, a warning is logged and
 * {@code herald.api.limits.unenforced} counts it, and Redis is left alone for
 * {@code herald.api.quota.redis-retry-interval} so that an outage does not add a timeout
 * to every call.
 */
@Component
class RedisLimits {

	private static final Logger log = LoggerFactory.getLogger(RedisLimits.class);

	private final RedissonClient redisson;

	private final MeterRegistry meters;

	private final long retryNanos;

	private volatile long skipUntil = System.nanoTime();

	RedisLimits(RedissonClient redisson, MeterRegistry meters, ApiAccessProperties properties) {
		this.redisson = redisson;
		this.meters = meters;
		this.retryNanos = properties.quota().redisRetryInterval().toNanos();
	}

	/**
	 * Runs {@code call} on the limiter {@code name} with {@code permits} per
	 * {@code interval}; empty when Redis is unavailable (the limit is then not enforced).
	 */
	<T> Optional<T> withLimiter(String kind, String name, long permits, Duration interval,
			Function<RRateLimiter, T> call) {
		if (System.nanoTime() - this.skipUntil < 0) {
			unenforced(kind);
			return Optional.empty();
		}
		try {
			RRateLimiter limiter = this.redisson.getRateLimiter(name);
			// a no-op when it exists; idle limiters vanish after the keep-alive time
			limiter.trySetRate(RateType.OVERALL, permits, interval, keepAlive(interval));
			return Optional.ofNullable(call.apply(limiter));
		}
		catch (RedisException ex) {
			this.skipUntil = System.nanoTime() + this.retryNanos;
			log.warn("Redis is unavailable, {} limits are not enforced for {} ms: {}", kind,
					this.retryNanos / 1_000_000, LogSafe.of(ex.getMessage()));
			unenforced(kind);
			return Optional.empty();
		}
	}

	private void unenforced(String kind) {
		this.meters.counter("herald.api.limits.unenforced", "limit", kind).increment();
	}

	private static Duration keepAlive(Duration interval) {
		Duration twice = interval.multipliedBy(2);
		return (twice.compareTo(Duration.ofMinutes(2)) > 0) ? twice : Duration.ofMinutes(2);
	}

}
