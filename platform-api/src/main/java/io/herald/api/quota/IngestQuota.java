package io.herald.api.quota;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.tenant.IngestLimits;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * A tenant's ingest quota across all API instances: {@code burst} events per
 * {@code burst / eventsPerSecond} seconds, a sliding window that averages
 * {@code eventsPerSecond} and allows {@code burst} at once. The limiter's name carries
 * the limits, so that an operator's change starts a fresh window at once.
 */
@Component
public class IngestQuota {

	private final RedisLimits limits;

	private final MeterRegistry meters;

	IngestQuota(RedisLimits limits, MeterRegistry meters) {
		this.limits = limits;
		this.meters = meters;
	}

	/**
	 * Takes {@code events} permits; empty when granted (or when Redis is unavailable),
	 * otherwise the time the client should wait before trying again.
	 */
	public Optional<Duration> tryAcquire(UUID tenantId, IngestLimits quota, int events) {
		Duration window = Duration
			.ofMillis(Math.max(1, (long) Math.ceil(quota.burst() * 1000.0 / quota.eventsPerSecond())));
		String name = "herald:quota:ingest:" + tenantId + ":" + quota.eventsPerSecond() + ":" + quota.burst();
		boolean granted = events <= quota.burst() && this.limits
			.withLimiter("ingest", name, quota.burst(), window, (limiter) -> limiter.tryAcquire(events))
			.orElse(true);
		if (granted) {
			return Optional.empty();
		}
		this.meters.counter("herald.api.ingest.rate.limited").increment();
		// the time the average rate needs to earn the permits again
		long seconds = (long) Math.ceil((double) events / quota.eventsPerSecond());
		return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
	}

}
