package io.herald.worker.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.core.testing.TestServers;
import io.herald.worker.config.HeraldWorkerProperties;
import io.herald.worker.fanout.EventKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EventDeduplicator} against a real Redis and against an address where no Redis
 * listens.
 */
class EventDeduplicatorTests {

	private static final HeraldWorkerProperties PROPERTIES = new HeraldWorkerProperties(
			new HeraldWorkerProperties.Events(Duration.ofMillis(100), Duration.ofSeconds(1)),
			new HeraldWorkerProperties.Dedupe(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(30)),
			new HeraldWorkerProperties.SubscriptionCache(Duration.ofSeconds(30), Duration.ofSeconds(2)),
			new HeraldWorkerProperties.Redis(Duration.ofMillis(300), Duration.ofMillis(300), 0,
					Duration.ofMillis(100)));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final List<EventKey> worked = new ArrayList<>();

	@Test
	void eventOfALaterBatchIsAnsweredByTheDoneMarkerWithoutRunningTheWork() {
		UUID tenant = UUID.randomUUID();
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1")), this::storeAll))
				.containsExactly(key(tenant, "e-1"));
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1"), key(tenant, "e-2")), this::storeAll))
				.containsExactly(key(tenant, "e-2"));
		});
		assertThat(this.worked).containsExactly(key(tenant, "e-1"), key(tenant, "e-2"));
		assertThat(hits("redis")).isEqualTo(1);
	}

	@Test
	void copiesOfAnEventInsideOneBatchAreWorkedOnOnce() {
		UUID tenant = UUID.randomUUID();
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(
					List.of(key(tenant, "e-1"), key(tenant, "e-2"), key(tenant, "e-1"), key(tenant, "e-1")),
					this::storeAll))
				.containsExactlyInAnyOrder(key(tenant, "e-1"), key(tenant, "e-2"));
		});
		assertThat(this.worked).containsExactly(key(tenant, "e-1"), key(tenant, "e-2"));
		assertThat(hits("batch")).isEqualTo(2);
	}

	@Test
	void eventsTheWorkFoundInTheDatabaseCountDatabaseHitsAndAreMarkedDone() {
		UUID tenant = UUID.randomUUID();
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1"), key(tenant, "e-2")),
					(todo) -> Set.of(key(tenant, "e-2"))))
				.containsExactly(key(tenant, "e-2"));
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1"), key(tenant, "e-2")), this::storeAll))
				.isEmpty();
		});
		assertThat(this.worked).isEmpty();
		assertThat(hits("database")).isEqualTo(1);
		assertThat(hits("redis")).isEqualTo(2);
	}

	@Test
	void workThatFailsLeavesNoMarkerSoTheRetryRunsIt() {
		UUID tenant = UUID.randomUUID();
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThatIllegalStateException()
				.isThrownBy(() -> deduplicator.processOnce(List.of(key(tenant, "e-1")), (todo) -> {
					throw new IllegalStateException("database down");
				}));
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1")), this::storeAll))
				.containsExactly(key(tenant, "e-1"));
		});
		assertThat(this.worked).containsExactly(key(tenant, "e-1"));
	}

	@Test
	void withoutRedisTheWorkRunsDegradedAndRedisIsSkippedForAWhile() {
		UUID tenant = UUID.randomUUID();
		withClient("redis://127.0.0.1:" + TestServers.freePort(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1")), this::storeAll)).hasSize(1);
			long start = System.nanoTime();
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-2")), this::storeAll)).hasSize(1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
		});
		assertThat(this.worked).hasSize(2);
		assertThat(this.meters.counter("herald.dedupe.degraded").count()).isEqualTo(2);
	}

	@Test
	void aClaimHeldByAnotherWorkerIsLeftAloneAndMarkersGetTheirTimeToLive() {
		UUID tenant = UUID.randomUUID();
		withClient(TestServers.redisUrl(), (deduplicator, redis) -> {
			RBucket<String> othersClaim = redis.getBucket("herald:event:{" + tenant + ":e-1}:claim",
					StringCodec.INSTANCE);
			othersClaim.set("another-worker", Duration.ofMinutes(5));
			assertThat(deduplicator.processOnce(List.of(key(tenant, "e-1"), key(tenant, "e-2")), this::storeAll))
				.containsExactlyInAnyOrder(key(tenant, "e-1"), key(tenant, "e-2"));
			assertThat(othersClaim.get()).isEqualTo("another-worker");
			assertThat(redis.getBucket("herald:event:{" + tenant + ":e-2}:claim", StringCodec.INSTANCE).isExists())
				.isFalse();
			for (String eventId : List.of("e-1", "e-2")) {
				RBucket<String> marker = redis.getBucket("herald:event:{" + tenant + ":" + eventId + "}:done",
						StringCodec.INSTANCE);
				assertThat(marker.get()).isEqualTo("1");
				assertThat(marker.remainTimeToLive()).isPositive()
					.isLessThanOrEqualTo(PROPERTIES.dedupe().doneTtl().toMillis());
			}
		});
		assertThat(this.worked).containsExactly(key(tenant, "e-1"), key(tenant, "e-2"));
	}

	@Test
	void everyEventOfAFullBatchIsClaimedAndMarkedInOneScriptEach() {
		UUID tenant = UUID.randomUUID();
		List<EventKey> batch = java.util.stream.IntStream.range(0, 1_000)
			.mapToObj((i) -> key(tenant, "e-" + i))
			.toList();
		withClient(TestServers.redisUrl(), (deduplicator) -> {
			assertThat(deduplicator.processOnce(batch, this::storeAll)).hasSize(1_000);
			assertThat(deduplicator.processOnce(batch, this::storeAll)).isEmpty();
		});
		assertThat(this.worked).containsExactlyElementsOf(batch);
		assertThat(hits("redis")).isEqualTo(1_000);
		assertThat(this.meters.counter("herald.dedupe.degraded").count()).isZero();
	}

	private Set<EventKey> storeAll(List<EventKey> todo) {
		this.worked.addAll(todo);
		return Set.copyOf(todo);
	}

	private static EventKey key(UUID tenant, String eventId) {
		return new EventKey(tenant, eventId);
	}

	private double hits(String guard) {
		return this.meters.counter("herald.dedupe.hits", "guard", guard).count();
	}

	private void withClient(String url, java.util.function.Consumer<EventDeduplicator> test) {
		withClient(url, (deduplicator, redis) -> test.accept(deduplicator));
	}

	private void withClient(String url, java.util.function.BiConsumer<EventDeduplicator, RedissonClient> test) {
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
			test.accept(new EventDeduplicator(client, PROPERTIES, this.meters), client);
		}
		finally {
			client.shutdown();
		}
	}

}
