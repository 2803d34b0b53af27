package io.herald.core.support;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache of lookups that may be a few seconds stale: entries live for a fixed
 * time, only found values are kept (a missing row is looked up again every time, so a
 * newly created one is seen at once), and when the cache is full it is emptied, which
 * keeps it bounded without bookkeeping.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class ExpiringCache<K, V> {

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final long ttlNanos;

	private final int maxSize;

	public ExpiringCache(Duration ttl, int maxSize) {
		this.ttlNanos = ttl.toNanos();
		this.maxSize = maxSize;
	}

	/**
	 * The cached value of {@code key}, or the one {@code loader} finds now (kept when
	 * present).
	 */
	public Optional<V> get(K key, Function<K, Optional<V>> loader) {
		long now = System.nanoTime();
		Entry<V> entry = this.entries.get(key);
		if (entry != null && now - entry.loadedAt() < this.ttlNanos) {
			return Optional.of(entry.value());
		}
		Optional<V> loaded = loader.apply(key);
		if (this.ttlNanos <= 0) {
			return loaded;
		}
		loaded.ifPresentOrElse((value) -> {
			if (this.entries.size() >= this.maxSize) {
				this.entries.clear();
			}
			this.entries.put(key, new Entry<>(value, now));
		}, () -> this.entries.remove(key));
		return loaded;
	}

	private record Entry<V>(V value, long loadedAt) {
	}

}
