package io.herald.admin.security;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.herald.admin.config.ConsoleProperties;

/**
 * Counts failed sign-ins per user name and per source address, and says when either has
 * failed too often. A lock lasts until {@code lockout} has passed since the last failure;
 * a successful sign-in clears the user name's count (not the address's, so one good
 * account cannot be used to reset guessing at others). Kept in memory, bounded: one
 * console instance throttles what reaches it (see docs/decisions/0030).
 */
class LoginThrottle {

	private static final int MAX_KEY_LENGTH = 200;

	private final ConsoleProperties.Login settings;

	private final Cache<String, AtomicInteger> usernames;

	private final Cache<String, AtomicInteger> addresses;

	LoginThrottle(ConsoleProperties.Login settings, Ticker ticker) {
		this.settings = settings;
		this.usernames = counter(settings, ticker);
		this.addresses = counter(settings, ticker);
	}

	private static Cache<String, AtomicInteger> counter(ConsoleProperties.Login settings, Ticker ticker) {
		return Caffeine.newBuilder()
			.ticker(ticker)
			.expireAfterWrite(settings.lockout())
			.maximumSize(settings.trackedKeys())
			.build();
	}

	boolean isLocked(String username, String address) {
		return count(this.usernames, usernameKey(username)) >= this.settings.maxFailuresPerUsername()
				|| count(this.addresses, address) >= this.settings.maxFailuresPerAddress();
	}

	void failed(String username, String address) {
		increment(this.usernames, usernameKey(username));
		increment(this.addresses, address);
	}

	void succeeded(String username) {
		this.usernames.invalidate(usernameKey(username));
	}

	Duration lockout() {
		return this.settings.lockout();
	}

	private static int count(Cache<String, AtomicInteger> cache, String key) {
		AtomicInteger count = cache.getIfPresent(key);
		return (count != null) ? count.get() : 0;
	}

	private static void increment(Cache<String, AtomicInteger> cache, String key) {
		// re-put so that expiry counts from the last failure
		cache.asMap().compute(key, (k, count) -> {
			AtomicInteger next = (count != null) ? count : new AtomicInteger();
			next.incrementAndGet();
			return next;
		});
	}

	private static String usernameKey(String username) {
		String key = (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
		return (key.length() > MAX_KEY_LENGTH) ? key.substring(0, MAX_KEY_LENGTH) : key;
	}

}
