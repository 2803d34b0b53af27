package io.herald.worker.config;

import java.time.Duration;

import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.config.Config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Redisson client built from {@code spring.data.redis.url}.
 */
class RedissonConfigurationTests {

	private static final HeraldWorkerProperties.Redis SHORT = new HeraldWorkerProperties.Redis(Duration.ofMillis(300),
			Duration.ofMillis(300), 0, Duration.ofMillis(100));

	@Test
	void urlPartsBecomeAddressCredentialsAndDatabase() {
		Config config = RedissonConfiguration.config("rediss://worker:s3cret@cache.example:6380/2", SHORT);

		assertThat(config.useSingleServer().getAddress()).isEqualTo("rediss://cache.example:6380");
		assertThat(config.useSingleServer().getDatabase()).isEqualTo(2);
		assertThat(config.getUsername()).isEqualTo("worker");
		assertThat(config.getPassword()).isEqualTo("s3cret");
		assertThat(config.isLazyInitialization()).isTrue();
	}

	@Test
	void clientIsCreatedWhileRedisIsDownAndFailsFastOnUse() {
		String nobodyListens = "redis://127.0.0.1:" + TestServers.freePort();
		RedissonClient client = Redisson.create(RedissonConfiguration.config(nobodyListens, SHORT));
		try {
			long start = System.nanoTime();
			assertThatExceptionOfType(RedisException.class).isThrownBy(() -> client.getBucket("k").isExists());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void clientWorksAgainstARealRedis() {
		RedissonClient client = Redisson.create(RedissonConfiguration.config(TestServers.redisUrl(), SHORT));
		try {
			client.getBucket("herald:test:bucket").set("1", Duration.ofSeconds(5));
			assertThat(client.getBucket("herald:test:bucket").isExists()).isTrue();
		}
		finally {
			client.shutdown();
		}
	}

}
