package io.herald.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.herald.core.channel.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry schedule as data, and how it binds from configuration.
 */
class RetryScheduleTests {

	private final Random random = new Random(42);

	@Test
	void twoDelaysMeanThreeAttemptsInAll() {
		RetrySchedule schedule = bind(Map.of("herald.delivery.retry-schedule", "1s,1s"))
			.retryScheduleFor(Channel.EMAIL);

		assertThat(schedule.maxAttempts()).isEqualTo(3);
		assertThat(schedule.delayAfter(1, null, this.random)).isPresent();
		assertThat(schedule.delayAfter(2, null, this.random)).isPresent();
		assertThat(schedule.delayAfter(3, null, this.random)).isEmpty();
	}

	@Test
	void defaultScheduleIsSvixLikeWithTwentyPercentJitter() {
		DeliveryProperties properties = bind(Map.of());
		RetrySchedule schedule = properties.retryScheduleFor(Channel.WEBHOOK);

		assertThat(schedule.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
				Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
				Duration.ofHours(10));
		assertThat(schedule.jitter()).isEqualTo(0.2);
		assertThat(schedule.maxAttempts()).isEqualTo(8);
		assertThat(properties.dispatcher().enabled()).isTrue();
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void jitterKeepsEveryDelayWithinItsBounds() {
		RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(10)), 0.2, Duration.ofHours(1));

		List<Duration> delays = java.util.stream.IntStream.range(0, 2000)
			.mapToObj((i) -> schedule.delayAfter(1, null, this.random).orElseThrow())
			.toList();

		assertThat(delays)
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofMillis(8500)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofMillis(11500)));
	}

	@Test
	void delaysAreCapped() {
		RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofHours(10)), 0.2, Duration.ofHours(1));

		assertThat(schedule.delayAfter(1, null, this.random)).contains(Duration.ofHours(1));
		assertThat(schedule.delayAfter(1, Duration.ofDays(30), this.random)).contains(Duration.ofHours(1));
	}

	@Test
	void retryAfterWinsOnlyWhenLaterThanTheSchedule() {
		RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0, Duration.ofHours(1));

		assertThat(schedule.delayAfter(1, Duration.ofSeconds(60), this.random)).contains(Duration.ofSeconds(60));
		assertThat(schedule.delayAfter(1, Duration.ofSeconds(1), this.random)).contains(Duration.ofSeconds(5));
	}

	@Test
	void aChannelMayHaveItsOwnSchedule() {
		DeliveryProperties properties = bind(Map.of("herald.delivery.retry-schedule", "1s,1s",
				"herald.delivery.channels.push.retry-schedule", "100ms"));

		assertThat(properties.retryScheduleFor(Channel.PUSH).delays()).containsExactly(Duration.ofMillis(100));
		assertThat(properties.retryScheduleFor(Channel.EMAIL).delays()).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(1));
	}

	private static DeliveryProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("herald.delivery",
				DeliveryProperties.class);
	}

}
