package io.herald.api.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code Idempotency-Key} handling ({@code herald.api.idempotency.*}, decision 0071).
 *
 * @param ttl how long a completed request's response is replayed for its key
 * @param inProgressTtl how long a key stays taken by a request that has not finished (an
 * instance that dies mid-request frees it after this time)
 * @param redisRetryInterval after a Redis failure, how long records go to PostgreSQL
 * before Redis is tried again
 * @param fallbackCheckInterval how often an instance asks PostgreSQL whether it holds
 * live records (left from a Redis outage), which then are consulted for new keys
 */
@Validated
@ConfigurationProperties("herald.api.idempotency")
public record IdempotencyProperties(@NotNull @DefaultValue("24h") Duration ttl,
		@NotNull @DefaultValue("2m") Duration inProgressTtl, @NotNull @DefaultValue("5s") Duration redisRetryInterval,
		@NotNull @DefaultValue("30s") Duration fallbackCheckInterval) {

}
