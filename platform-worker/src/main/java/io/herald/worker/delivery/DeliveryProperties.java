package io.herald.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.herald.core.channel.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker delivers outbox rows ({@code herald.delivery.*}).
 *
 * @param dispatcher switches the dispatch loop
 * @param pollInterval safety-net polling; commits of new notifications wake the loop at
 * once
 * @param batchSize most rows claimed by one query
 * @param concurrency most sends in flight per worker instance
 * @param maxInFlightPerTenant most sends of one tenant in flight per worker instance, so
 * that one tenant's slow endpoint cannot hold every sender
 * @param lease how long a claimed row belongs to its worker; renewed every third of it
 * while the send runs, so it runs out only when its worker died or hangs, and then
 * another worker takes it over and resends
 * @param recordPatience how long a worker keeps trying to record an attempt it made while
 * the database is unreachable, before it leaves the row to the lease (and a resend)
 * @param shutdownTimeout how long a stopping worker waits for in-flight sends
 * @param retrySchedule delays between attempts: n delays mean n + 1 attempts in all
 * @param jitter random spread of each delay, 0.2 = ±20 %
 * @param maxRetryDelay cap of any delay, including one asked for by {@code Retry-After}
 * @param settingsCacheTtl how long decrypted provider settings of a tenant are reused
 * @param channels per-channel overrides, keyed by channel ({@code webhook},
 * {@code email}, {@code push})
 */
@Validated
@ConfigurationProperties("herald.delivery")
public record DeliveryProperties(@Valid @DefaultValue Dispatcher dispatcher,
		@NotNull @DefaultValue("1s") Duration pollInterval, @Min(1) @DefaultValue("100") int batchSize,
		@Min(1) @DefaultValue("256") int concurrency, @Min(1) @DefaultValue("64") int maxInFlightPerTenant,
		@NotNull @DefaultValue("5m") Duration lease, @NotNull @DefaultValue("10m") Duration recordPatience,
		@NotNull @DefaultValue("30s") Duration shutdownTimeout, @NotNull @DefaultValue( {
				"5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> retrySchedule,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double jitter,
		@NotNull @DefaultValue("24h") Duration maxRetryDelay, @NotNull @DefaultValue("30s") Duration settingsCacheTtl,
		Map<Channel, @Valid ChannelDelivery> channels){

	public DeliveryProperties {
		channels = (channels != null) ? Map.copyOf(channels) : Map.of();
	}

	/** The retry schedule of a channel: its own when set, the global one otherwise. */
	public RetrySchedule retryScheduleFor(Channel channel) {
		ChannelDelivery own = this.channels.get(channel);
		List<Duration> delays = (own != null && own.retrySchedule() != null) ? own.retrySchedule() : this.retrySchedule;
		return new RetrySchedule(delays, this.jitter, this.maxRetryDelay);
	}

	/**
	 * @param enabled whether this instance runs the dispatch loop at all
	 */
	public record Dispatcher(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * @param retrySchedule this channel's delays between attempts
	 */
	public record ChannelDelivery(List<Duration> retrySchedule) {
	}

}
