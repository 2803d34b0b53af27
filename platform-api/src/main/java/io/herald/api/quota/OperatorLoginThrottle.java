package io.herald.api.quota;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.api.config.ApiAccessProperties;
import org.springframework.stereotype.Component;

/**
 * Counts failed operator logins per source address across all API instances; an address
 * with {@code herald.api.login-throttle.max-failures} failures within the window is
 * refused (429) before its credentials are checked, so that the operator password cannot
 * be guessed at speed. While Redis is unavailable each instance counts on its own (a
 * bounded Caffeine cache), so an outage weakens the throttle but never lifts it.
 */
@Component
public class OperatorLoginThrottle {

	private final RedisLimits limits;

	private final int maxFailures;

	private final Duration window;

	/** failures per address counted here while Redis is unavailable */
	private final Cache<String, Integer> local;

	OperatorLoginThrottle(RedisLimits limits, ApiAccessProperties properties) {
		this.limits = limits;
		this.maxFailures = properties.loginThrottle().maxFailures();
		this.window = properties.loginThrottle().window();
		this.local = Caffeine.newBuilder().expireAfterWrite(this.window).maximumSize(100_000).build();
	}

	public boolean isBlocked(String address) {
		return this.limits
			.withLimiter("login", name(address), this.maxFailures, this.window,
					(limiter) -> limiter.availablePermits() <= 0)
			.orElseGet(() -> {
				Integer failures = this.local.getIfPresent(address);
				return failures != null && failures >= this.maxFailures;
			});
	}

	public void failed(String address) {
		if (this.limits
			.withLimiter("login", name(address), this.maxFailures, this.window, (limiter) -> limiter.tryAcquire())
			.isEmpty()) {
			this.local.asMap().merge(address, 1, Integer::sum);
		}
	}

	/** How long a blocked address should wait. */
	public Duration retryAfter() {
		return this.window;
	}

	private static String name(String address) {
		return "herald:login-failures:" + address;
	}

}
