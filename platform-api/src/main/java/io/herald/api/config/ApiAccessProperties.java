package io.herald.api.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The part of the {@code herald.api.*} tree about access limits and the Redis that
 * enforces them across instances; kept beside {@link HeraldApiProperties} so that each
 * record stays small.
 *
 * @param redis the Redisson client
 * @param quota per-tenant ingest quotas
 * @param loginThrottle throttling of failed operator logins
 */
@Validated
@ConfigurationProperties("herald.api")
public record ApiAccessProperties(@Valid @DefaultValue Redis redis, @Valid @DefaultValue Quota quota,
		@Valid @DefaultValue LoginThrottle loginThrottle) {

	/**
	 * Short timeouts, so that a Redis outage costs a call little before it fails open.
	 */
	public record Redis(@NotNull @DefaultValue("500ms") Duration connectTimeout,
			@NotNull @DefaultValue("500ms") Duration timeout, @Min(0) @Max(5) @DefaultValue("0") int retryAttempts,
			@NotNull @DefaultValue("200ms") Duration retryDelay) {
	}

	/**
	 * @param redisRetryInterval after a Redis failure, how long limits are not enforced
	 * (fail open) before Redis is tried again
	 */
	public record Quota(@NotNull @DefaultValue("5s") Duration redisRetryInterval) {
	}

	/**
	 * @param maxFailures failed operator logins per source address within {@code window}
	 * before further attempts get 429
	 * @param window the sliding window failures are counted in
	 */
	public record LoginThrottle(@Min(1) @DefaultValue("10") int maxFailures,
			@NotNull @DefaultValue("1m") Duration window) {
	}

}
