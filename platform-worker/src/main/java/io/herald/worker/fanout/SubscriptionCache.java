package io.herald.worker.fanout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.herald.core.fanout.SubscriptionSnapshot;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.worker.config.HeraldWorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The subscriptions per (tenant, event type), enabled or not (fan-out records that a
 * disabled one was skipped), cached. Every worker checks the subscription table's
 * fingerprint (newest change, row count) every
 * {@code herald.worker.subscription-cache.refresh} and drops the whole cache when it
 * moved, so a disable or an edit takes effect within seconds everywhere; the TTL bounds
 * whatever the fingerprint cannot see.
 */
@Component
class SubscriptionCache implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionCache.class);

	private final SubscriptionRepository subscriptions;

	private final HeraldWorkerProperties.SubscriptionCache settings;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/** Bumped on every clear, so that a load that raced with a change is not cached. */
	private final AtomicLong generation = new AtomicLong();

	private volatile Fingerprint fingerprint;

	SubscriptionCache(SubscriptionRepository subscriptions, HeraldWorkerProperties properties) {
		this.subscriptions = subscriptions;
		this.settings = properties.subscriptionCache();
	}

	List<SubscriptionSnapshot> of(UUID tenantId, UUID eventTypeId) {
		Key key = new Key(tenantId, eventTypeId);
		long now = System.nanoTime();
		Entry entry = this.entries.get(key);
		if (entry != null && now - entry.loadedAt() < this.settings.ttl().toNanos()) {
			return entry.subscriptions();
		}
		long loadingGeneration = this.generation.get();
		List<SubscriptionSnapshot> loaded = this.subscriptions
			.findAllByTenantIdAndEventTypeIdOrderByCreatedAtAsc(tenantId, eventTypeId)
			.stream()
			.map(SubscriptionSnapshot::of)
			.toList();
		if (this.generation.get() == loadingGeneration) {
			this.entries.put(key, new Entry(loaded, now));
		}
		return loaded;
	}

	void refresh() {
		Fingerprint current;
		try {
			current = new Fingerprint(this.subscriptions.lastChange().orElse(null), this.subscriptions.count());
		}
		catch (DataAccessException ex) {
			log.debug("Cannot check subscriptions for changes", ex);
			return;
		}
		if (!current.equals(this.fingerprint)) {
			this.generation.incrementAndGet();
			this.entries.clear();
			this.fingerprint = current;
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refresh, this.settings.refresh());
	}

	private record Key(UUID tenantId, UUID eventTypeId) {
	}

	private record Entry(List<SubscriptionSnapshot> subscriptions, long loadedAt) {
	}

	private record Fingerprint(Instant lastChange, long count) {
	}

}
