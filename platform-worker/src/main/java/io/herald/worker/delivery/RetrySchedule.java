package io.herald.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Retry policy as data: the delays between attempts, a random spread around each and a
 * cap. {@code n} delays allow {@code n + 1} attempts; after the last one the notification
 * is dead.
 *
 * @param delays delay after the 1st, 2nd, ... failed attempt
 * @param jitter spread of each delay, 0.2 = ±20 %
 * @param cap no delay is longer, not even one a provider asked for
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration cap) {

	public RetrySchedule {
		delays = List.copyOf(delays);
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1");
		}
	}

	public int maxAttempts() {
		return this.delays.size() + 1;
	}

	/**
	 * The delay before the next attempt after attempt number {@code attempt} (1-based)
	 * failed transiently, or empty when that was the last one.
	 * @param retryAfter what the provider asked for ({@code Retry-After}), honoured when
	 * later than the schedule; may be null
	 */
	public Optional<Duration> delayAfter(int attempt, Duration retryAfter, RandomGenerator random) {
		if (attempt < 1 || attempt > this.delays.size()) {
			return Optional.empty();
		}
		Duration delay = spread(this.delays.get(attempt - 1), random);
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = retryAfter;
		}
		return Optional.of((delay.compareTo(this.cap) > 0) ? this.cap : delay);
	}

	private Duration spread(Duration base, RandomGenerator random) {
		if (this.jitter == 0) {
			return base;
		}
		double factor = 1 + this.jitter * (2 * random.nextDouble() - 1);
		return Duration.ofNanos(Math.round(base.toNanos() * factor));
	}

}
