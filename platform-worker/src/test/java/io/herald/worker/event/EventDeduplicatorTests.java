package io.herald.worker.event;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.core.testing.TestServers;
import io.herald.worker.config.HeraldWorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventDeduplicator} against a real Redis and against an address where no Redis
 * listens.
 */
class EventDeduplicatorTests {

	private static final HeraldWorkerProperties PROPERTIES = new HeraldWorkerProperties(
			new HeraldWorkerProperties.Events("dlq"),
			new HeraldWorkerProperties.Dedupe(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(1),
					Duration.ofSeconds(30)),
			new HeraldWorkerProperties.SubscriptionCache(Duration.ofSeconds(30), Duration.ofSeconds(2)),
			new HeraldWorkerProperties.Redis(Duration.ofMillis(300), Duration.ofMillis(300), 0,
					Duration.ofMillis(100)));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void secondDeliveryIsAnsweredByTheDoneMarkerWithoutRunningTheWork() {
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			UUID tenant = UUID.randomUUID();
			assertThat(deduplicator.processOnce(tenant, "e-1", this::work)).isTrue();
			assertThat(deduplicator.processOnce(tenant, "e-1", this::work)).isFalse();
			assertThat(deduplicator.processOnce(tenant, "e-2", this::work)).isTrue();
		});
		assertThat(this.runs).hasValue(2);
		assertThat(this.meters.counter("herald.dedupe.hits", "guard", "redis").count()).isEqualTo(1);
	}

	@Test
	void workThatFindsTheEventInTheDatabaseCountsADatabaseHit() {
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(UUID.randomUUID(), "e-1", () -> false)).isFalse();
		});
		assertThat(this.meters.counter("herald.dedupe.hits", "guard", "database").count()).isEqualTo(1);
	}

	@Test
	void withoutRedisTheWorkRunsDegradedAndRedisIsSkippedForAWhile() {
		withClient("redis://127.0.0.1:" + TestServers.freePort(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(UUID.randomUUID(), "e-1", this::work)).isTrue();
			long start = System.nanoTime();
			assertThat(deduplicator.processOnce(UUID.randomUUID(), "e-2", this::work)).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
		});
		assertThat(this.runs).hasValue(2);
		assertThat(this.meters.counter("herald.dedupe.degraded").count()).isEqualTo(2);
	}

	private boolean work() {
		this.runs.incrementAndGet();
		return true;
	}

	private void withClient(String url, java.util.function.Consumer<EventDeduplicator> test) {
		Config config = new Config();
		config.setLazyInitialization(true);
		config.useSingleServer()
			.setAddress(url)
			.setConnectTimeout(300)
			.setTimeout(300)
			.setRetryAttempts(0)
			.setConnectionMinimumIdleSize(1)
			.setConnectionPoolSize(2)
			.setSubscriptionConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(2);
		RedissonClient client = Redisson.create(config);
		try {
			test.accept(new EventDeduplicator(client, PROPERTIES, this.meters));
		}
		finally {
			client.shutdown();
		}
	}

}
