package io.herald.api.quota;

import java.time.Duration;

import io.herald.api.config.ApiAccessProperties;
import org.springframework.stereotype.Component;

/**
 * Counts failed operator logins per source address across all API instances; an address
 * with {@code herald.api.login-throttle.max-failures} failures within the window is
 * refused (429) before its credentials are checked, so that the operator password cannot
 * be guessed at speed. Fails open when Redis is unavailable.
 */
@Component
public class OperatorLoginThrottle {

	private final RedisLimits limits;

	private final int maxFailures;

	private final Duration window;

	OperatorLoginThrottle(RedisLimits limits, ApiAccessProperties properties) {
		this.limits = limits;
		this.maxFailures = properties.loginThrottle().maxFailures();
		this.window = properties.loginThrottle().window();
	}

	public boolean isBlocked(String address) {
		return this.limits
			.withLimiter("login", name(address), this.maxFailures, this.window,
					(limiter) -> limiter.availablePermits() <= 0)
			.orElse(false);
	}

	public void failed(String address) {
		this.limits.withLimiter("login", name(address), this.maxFailures, this.window,
				(limiter) -> limiter.tryAcquire());
	}

	/** How long a blocked address should wait. */
	public Duration retryAfter() {
		return this.window;
	}

	private static String name(String address) {
		return "herald:login-failures:" + address;
	}

}
