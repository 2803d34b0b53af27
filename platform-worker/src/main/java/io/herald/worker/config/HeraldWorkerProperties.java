package io.herald.worker.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code herald.worker.*} setting, one nested record per concern. Add a concern as
 * a new {@code @Valid @DefaultValue} component with its own record.
 *
 * @param events the Kafka side of ingestion (the topics are {@code herald.topics.*})
 * @param dedupe the Redis guard against processing one event twice
 * @param subscriptionCache caching of subscription lookups
 * @param redis the Redis client the worker builds from {@code spring.data.redis.url}
 */
@Validated
@ConfigurationProperties("herald.worker")
public record HeraldWorkerProperties(@Valid @DefaultValue Events events, @Valid @DefaultValue Dedupe dedupe,
		@Valid @DefaultValue SubscriptionCache subscriptionCache, @Valid @DefaultValue Redis redis) {

	/**
	 * @param transientBackOffInitial first pause after a transient infrastructure failure
	 * (database or Redis unreachable, timeouts, serialization failures); such failures
	 * are retried without limit, never dead-lettered
	 * @param transientBackOffMax longest pause between those retries (doubling up to it)
	 */
	public record Events(@NotNull @DefaultValue("500ms") Duration transientBackOffInitial,
			@NotNull @DefaultValue("10s") Duration transientBackOffMax) {
	}

	/**
	 * @param lockLease how long a worker's claim on an event of its batch lasts before
	 * Redis drops it (the database still guards a slower worker)
	 * @param doneTtl how long the "already processed" marker of an event lives
	 * @param redisRetryInterval after a Redis failure, how long the worker skips Redis
	 * (degraded mode) before it tries again
	 */
	public record Dedupe(@NotNull @DefaultValue("30s") Duration lockLease,
			@NotNull @DefaultValue("24h") Duration doneTtl, @NotNull @DefaultValue("5s") Duration redisRetryInterval) {
	}

	/**
	 * @param ttl the longest a cached subscription list is used
	 * @param refresh how often the worker checks whether any subscription changed, and
	 * then drops the whole cache; bounds how long a disabled subscription still matches
	 */
	public record SubscriptionCache(@NotNull @DefaultValue("30s") Duration ttl,
			@NotNull @DefaultValue("2s") Duration refresh) {
	}

	/**
	 * @param connectTimeout connection timeout
	 * @param timeout command timeout
	 * @param retryAttempts retries of a failed command before the worker goes degraded
	 * @param retryDelay delay between those retries
	 */
	public record Redis(@NotNull @DefaultValue("1s") Duration connectTimeout,
			@NotNull @DefaultValue("1s") Duration timeout, @Min(0) @DefaultValue("1") int retryAttempts,
			@NotNull @DefaultValue("200ms") Duration retryDelay) {
	}

}
